package io.streamback.examples;

import io.streamback.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listeners declared in a file of their own, collected in a {@link Router}; see {@link RouterExample}. */
public final class SomeConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(SomeConsumers.class);

    private SomeConsumers() {
    }

    /** The listeners of this file. */
    public static Router router() {
        Router router = new Router();

        router.listen("test_hello", (context, message) ->
                LOG.info("received: {}", message.value()));

        return router;
    }
}
