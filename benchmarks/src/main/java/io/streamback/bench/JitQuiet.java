package io.streamback.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits until the JIT compiler is quiet before a measurement. The harness runs the broker, Redis
 * clients and every contender in one JVM on 2 cores: in the first repetitions of row 2 the
 * compiler threads spent 2 to 4 seconds compiling during a cell of 1.6 seconds, so whichever
 * contender ran then shared the cores with them.
 */
final class JitQuiet {
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
    private static final boolean MONITORED = JIT != null && JIT.isCompilationTimeMonitoringSupported();
    private static final long WINDOW_MS = 250;
    /** Compilation time per window below which the compiler counts as quiet. */
    private static final long QUIET_MS = 10;

    private JitQuiet() {
    }

    /** Milliseconds the JIT compiler threads worked since the JVM started; 0 where that is not known. */
    static long compiledMillis() {
        return MONITORED ? JIT.getTotalCompilationTime() : 0;
    }

    /** Waits until a window passes with less than {@link #QUIET_MS} of compilation, at most {@code maxMillis}; the ms waited. */
    static long await(long maxMillis) throws InterruptedException {
        if (!MONITORED) {
            return 0;
        }
        long started = System.nanoTime();
        long before = compiledMillis();
        while ((System.nanoTime() - started) / 1_000_000 < maxMillis) {
            Thread.sleep(WINDOW_MS);
            long now = compiledMillis();
            if (now - before < QUIET_MS) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
