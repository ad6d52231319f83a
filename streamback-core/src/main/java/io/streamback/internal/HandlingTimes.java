package io.streamback.internal;

import java.time.Duration;
import java.util.Arrays;

/** The handling times of the most recent records (up to 1,024), for percentiles. Thread-safe. */
final class HandlingTimes {
    private static final int SIZE = 1024;

    private final long[] nanos = new long[SIZE];
    private long count;

    synchronized void record(long elapsedNanos) {
        nanos[(int) (count++ % SIZE)] = elapsedNanos;
    }

    synchronized long[] recent() {
        return Arrays.copyOf(nanos, (int) Math.min(count, SIZE));
    }

    /** The {@code percentile} (0 to 100) of all samples given, or zero when there are none. */
    static Duration percentile(long[] samples, double percentile) {
        if (samples.length == 0) {
            return Duration.ZERO;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(index, sorted.length - 1))]);
    }
}
