package io.streamback.it;

import io.streamback.Streamback;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A consumer to run in a small JVM: handles every message of a topic with a listener that does
 * nothing (each message still gets its end marker) and prints, every second,
 * {@code progress handled=N heap_used_mb=M}. Arguments: streams, topic, application name, pool concurrency.
 */
public final class BacklogConsumerMain {
    private BacklogConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong handled = new AtomicLong();
        Streamback streamback = Streamback.builder(args[2]).streams(args[0])
                .poolConcurrency(Integer.parseInt(args[3])).build();
        streamback.listen(args[1], message -> {
            handled.incrementAndGet();
        });
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress");
            thread.setDaemon(true);
            return thread;
        });
        Runtime runtime = Runtime.getRuntime();
        reporter.scheduleAtFixedRate(() -> {
            long used = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            System.out.println("progress handled=" + handled.get() + " heap_used_mb=" + used);
            System.out.flush();
        }, 0, 1, TimeUnit.SECONDS);
        streamback.start();
    }
}
