package io.streamback.examples;

import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners in one application: they share its pool worker. Run more copies of the
 * application (same name, so same consumer group) and Kafka spreads the partitions over them.
 */
public final class ConcurrentConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumers.class);

    private ConcurrentConsumers() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("test_hello", (context, message) ->   // joins the pool of listeners
                LOG.info("received: {}", message.value()));

        streamback.listen("test_hello_2", (context, message) ->   // the same pool
                LOG.info("received on test_hello_2: {}", message.value()));

        streamback.start();
    }
}
