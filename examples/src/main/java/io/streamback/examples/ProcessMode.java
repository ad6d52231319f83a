package io.streamback.examples;

import io.streamback.Concurrency;
import io.streamback.Streamback;
import io.streamback.WorkerMode;
import io.streamback.ext.AutoRestart;
import java.time.Duration;

/**
 * Workers as child JVMs, like Python's forked processes: each child re-runs this main method and
 * then runs only its own worker; this JVM supervises them and recycles a child past 500 MB of RSS.
 */
public final class ProcessMode {
    private ProcessMode() {
    }

    /** Supervises the children until SIGTERM, which it forwards to them. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.builder("example_consumer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .workers(WorkerMode.PROCESSES)
                .build()
                .addCallback(new AutoRestart(Duration.ofHours(1), 500));

        streamback.listen("images", Concurrency.range(1, 8), (context, message) -> message.respond("resized"));

        streamback.start();
    }
}
