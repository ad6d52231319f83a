package io.streamback.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kit's readiness loop: re-checks a condition every {@value #INTERVAL_MS} ms until a deadline. */
final class Poll {

    private static final Logger LOG = LoggerFactory.getLogger(Poll.class);

    static final long INTERVAL_MS = 50;

    private Poll() {
    }

    /** A readiness check. */
    @FunctionalInterface
    interface Probe {
        /**
         * Returns {@code null} when ready, otherwise what is still missing. An {@link IOException}
         * means "not yet"; an {@link IllegalStateException} aborts the wait.
         */
        @Nullable String missing() throws IOException;
    }

    /**
     * Waits until {@code probe} reports ready.
     *
     * @param what what is awaited, e.g. "Redis Cluster on 127.0.0.1:7000,... to be ready"
     * @param diagnostics appended to the timeout message, e.g. the servers' last output lines
     * @throws IllegalStateException on timeout, interrupt, or when the probe throws it
     */
    static void until(String what, Duration timeout, Probe probe, Supplier<String> diagnostics) {
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        String previous = null;
        while (true) {
            String missing;
            try {
                missing = probe.missing();
            } catch (IOException e) {
                missing = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (missing == null) {
                return;
            }
            if (!missing.equals(previous) && LOG.isDebugEnabled()) {
                LOG.debug("After {} ms waiting for {}: {}", (System.nanoTime() - startedAt) / 1_000_000, what, missing);
            }
            previous = missing;
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for "
                        + what + "; still missing: " + missing + diagnostics.get());
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
