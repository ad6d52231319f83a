package io.streamback.examples;

import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;

/** Every setting beyond the name and the streams string goes through the builder. */
public final class BuilderExample {
    private BuilderExample() {
    }

    /** Sends one message with a topics prefix and tuned feedback settings. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.builder("example_producer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .topicsPrefix("dev")                        // test_hello is sent on dev.test_hello
                .feedbackTimeout(Duration.ofSeconds(30))    // idle timeout of read() and stream(); default 60 s
                .feedbackTtl(Duration.ofMinutes(5))         // how long unread replies stay in Redis; default 300 s
                .sendBlockTimeout(Duration.ofSeconds(2))    // longest wait of send for metadata or buffer room; default 5 s
                .kafkaProperty("acks", "all")               // any kafka-clients property, applied last
                .build();

        try (streamback) {
            streamback.send("test_hello", Map.of("something", "Hello world!"));
        }
    }
}
