package io.streamback.examples;

import io.streamback.Streamback;
import io.streamback.ext.ListenerStats;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A ListenerStats subclass that reports somewhere else than the log. */
public final class CustomStats {
    private static final Logger LOG = LoggerFactory.getLogger(CustomStats.class);

    private CustomStats() {
    }

    static final class MyListenerStats extends ListenerStats {
        MyListenerStats() {
            super(Duration.ofSeconds(10));
        }

        @Override
        public void onStats(Stats stats) {
            LOG.info("stats: {}", stats);   // or send it to your monitoring service
        }
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")
                .addCallback(new MyListenerStats());

        streamback.listen("test_hello", (context, message) -> message.respond("hi"));

        streamback.start();
    }
}
