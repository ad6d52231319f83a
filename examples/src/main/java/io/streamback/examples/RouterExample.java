package io.streamback.examples;

import io.streamback.Streamback;

/** An application whose listeners come from a {@link io.streamback.Router} declared elsewhere. */
public final class RouterExample {
    private RouterExample() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.includeRouter(SomeConsumers.router());

        streamback.start();
    }
}
