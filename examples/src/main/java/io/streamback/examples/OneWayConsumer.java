package io.streamback.examples;

import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One-way stream, consumer side: logs every message on {@code test_hello}. */
public final class OneWayConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(OneWayConsumer.class);

    private OneWayConsumer() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("test_hello", (context, message) ->
                LOG.info("received: {}", message.value()));

        streamback.start();
    }
}
