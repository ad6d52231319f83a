package io.streamback.examples;

import io.streamback.Streamback;
import io.streamback.ext.AutoRestart;
import io.streamback.ext.ListenerStats;
import java.time.Duration;

/** The stats and auto-restart extensions, added as callbacks. */
public final class Extensions {
    private Extensions() {
    }

    /** Listens until SIGTERM, logging stats every 10 s and recycling workers every 10 s or past 100 MB. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")
                .addCallback(new ListenerStats(Duration.ofSeconds(10)))
                .addCallback(new AutoRestart(Duration.ofSeconds(10), 100));

        streamback.listen("test_hello", (context, message) -> message.respond("hi"));

        streamback.start();
    }
}
