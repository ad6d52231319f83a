package io.streamback.examples;

import io.streamback.Concurrency;
import io.streamback.Streamback;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners with and without a concurrency setting. Without one, a listener joins the pool workers;
 * with one, its topic gets a worker group of its own, fixed or scaled by consumer lag.
 */
public final class ConcurrentConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumers.class);

    private ConcurrentConsumers() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.builder("example_consumer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .poolConcurrency(2)                                  // pool workers, default 1
                .build();

        streamback.listen("test_hello", (context, message) ->   // joins the pool of listeners
                LOG.info("received: {}", message.value()));

        streamback.listen("test_hello_2", Concurrency.of(20), (context, message) ->   // 20 dedicated workers
                LOG.info("received: {}", message.value()));

        streamback.listen("test_hello_3", Concurrency.range(1, 20), (context, message) ->   // 1, +1 per 1,000 lag
                LOG.info("received: {}", message.value()));

        streamback.listen("new_log", Concurrency.scaling(Map.of(0L, 1, 10_000L, 4, 50_000L, 8)), (context, message) ->
                LOG.info("received: {}", message.value()));

        streamback.start();
    }
}
