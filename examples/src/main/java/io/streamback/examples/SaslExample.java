package io.streamback.examples;

import io.streamback.Streamback;
import java.util.Map;

/** SASL/PLAIN authentication to Kafka, in the Python form {@code kafka://user@password:host:port}. */
public final class SaslExample {
    private SaslExample() {
    }

    /** Sends one message as user {@code user} with password {@code 1234}, then one over SCRAM. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://user@1234:kafka:9092&feedback=redis://redis:6379")) {
            streamback.send("test_hello", Map.of("something", "Hello world!"));
        }

        // other mechanisms, TLS, or a password with ':' in it: plain kafka-clients properties
        try (Streamback streamback = Streamback.builder("example_producer_app")
                .streams("main=kafka://kafka:9093&feedback=redis://redis:6379")
                .kafkaProperty("security.protocol", "SASL_SSL")
                .kafkaProperty("sasl.mechanism", "SCRAM-SHA-512")
                .kafkaProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"user\" password=\"p:ss\";")
                .build()) {
            streamback.send("test_hello", Map.of("something", "Hello world!"));
        }
    }
}
