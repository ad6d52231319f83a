package io.streamback.examples;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamback.Streamback;
import io.streamback.micrometer.StreambackMetrics;

/** Streamback's meters, and the Kafka and Lettuce clients' own, in a Micrometer registry. */
public final class MetricsExample {
    private MetricsExample() {
    }

    /** Listens until SIGTERM, with its meters in a registry. */
    public static void main(String[] args) {
        MeterRegistry registry = new SimpleMeterRegistry();   // or the application's: Prometheus, OTLP...

        Streamback streamback = Streamback.builder("example_consumer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .observe(StreambackMetrics.builder(registry)
                        .tags(Tags.of("region", "eu-west-1"))   // added to every meter
                        .kafkaClientMetrics(true)               // KafkaClientMetrics of the producer, consumers, admin
                        .lettuceMetrics(true)                   // Lettuce's command latencies
                        .build())
                .build();

        streamback.listen("test_hello", (context, message) -> message.respond("hi"));

        streamback.start();
    }
}
