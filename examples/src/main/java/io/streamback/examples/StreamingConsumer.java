package io.streamback.examples;

import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streaming RPC, consumer side: answers every message with ten replies, two seconds apart. */
public final class StreamingConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingConsumer.class);

    private StreamingConsumer() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("test_hello_stream", (context, message) -> {
            LOG.info("received: {}", message.value());
            for (int i = 0; i < 10; i++) {
                message.respond("Hello #" + i + " from the consumer!");
                Thread.sleep(2_000);
            }
        });

        streamback.start();
    }
}
