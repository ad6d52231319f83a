package io.streamback.ext;

import java.time.Duration;
import java.util.Locale;

/** Number formats of the log lines: megabytes and milliseconds, dot decimals whatever the locale. */
final class Units {
    private static final double MEGABYTE = 1024.0 * 1024.0;

    private Units() {
    }

    /** {@code bytes} in megabytes with one decimal, or {@code -1} when unknown (negative). */
    static String mb(long bytes) {
        return bytes < 0 ? "-1" : String.format(Locale.ROOT, "%.1f", bytes / MEGABYTE);
    }

    /** {@code duration} in milliseconds with two decimals. */
    static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e6);
    }

    /** {@code duration} in seconds with one decimal. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1e3);
    }

    /** {@code value} with one decimal. */
    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
