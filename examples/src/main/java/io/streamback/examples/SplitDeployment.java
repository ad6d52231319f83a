package io.streamback.examples;

import io.streamback.Streamback;

/** One codebase, several services: each deployment runs only the listeners of its topics. */
public final class SplitDeployment {
    private SplitDeployment() {
    }

    /** Run with the topics to serve as arguments, e.g. {@code orders payments}. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.builder("example_consumer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .onlyTopics(args)                  // Python's topics=[...]
                .build();

        streamback.listen("orders", (context, message) -> message.respond("order taken"));
        streamback.listen("payments", (context, message) -> message.respond("payment taken"));
        streamback.listen("emails", (context, message) -> message.respond("email sent"));

        streamback.start();
    }
}
