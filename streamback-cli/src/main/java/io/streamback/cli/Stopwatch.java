package io.streamback.cli;

import java.util.Locale;

/** Measures elapsed time and writes it for people: {@code 12.3 ms}, {@code 4.2 s}. */
final class Stopwatch {
    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    /** A stopwatch started now. */
    static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    /** Time from the start to {@code nanoTime} (a {@link System#nanoTime()} reading), e.g. {@code 12.3 ms}. */
    String millisTo(long nanoTime) {
        return String.format(Locale.ROOT, "%.1f ms", (nanoTime - startNanos) / 1e6);
    }

    /** Time elapsed so far, e.g. {@code 12.3 ms}. */
    String millis() {
        return millisTo(System.nanoTime());
    }

    /** Time elapsed so far, e.g. {@code 4.2 s}. */
    String seconds() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** {@code duration} for people: {@code 500 ms}, {@code 2 s}, {@code 1.5 s}, {@code 2 min}. */
    static String duration(java.time.Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1e3);
    }
}
