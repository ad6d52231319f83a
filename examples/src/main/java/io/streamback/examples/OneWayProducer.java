package io.streamback.examples;

import io.streamback.Streamback;
import java.util.Map;

/** One-way stream, producer side: sends one message and expects no reply. */
public final class OneWayProducer {
    private OneWayProducer() {
    }

    /** Sends one message on {@code test_hello}. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            streamback.send("test_hello", Map.of("something", "Hello world!"));

        } // close() waits until what was sent reached Kafka
    }
}
