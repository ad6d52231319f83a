package io.streamback.examples;

import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RPC, consumer side: answers every message on {@code test_hello_stream} with one reply. */
public final class RpcConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RpcConsumer.class);

    private RpcConsumer() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("test_hello_stream", (context, message) -> {
            LOG.info("received: {}", message.value());
            message.respond("Hello from the consumer!");
        });

        streamback.start();
    }
}
