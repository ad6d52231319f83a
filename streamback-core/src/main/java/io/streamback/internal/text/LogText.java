package io.streamback.internal.text;

import org.jspecify.annotations.Nullable;

/**
 * Untrusted text made safe for one log line: record fields, keys, error texts read from the
 * streams. Control characters are escaped, so no text can end a log line, start a forged one or
 * send terminal escapes; the result is cut to a bounded length, with a marker saying how much was
 * cut. Not public API.
 */
public final class LogText {
    /** How many characters, counted after escaping, {@link #of(Object)} keeps: 200. */
    public static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** {@code value}'s text, escaped and cut to {@link #MAX_CHARS}; {@code "null"} for null. */
    public static String of(@Nullable Object value) {
        return of(value, MAX_CHARS);
    }

    /**
     * {@code value}'s text with every control character written as an escape ({@code \n}, {@code \r},
     * {@code \t}, else {@code \u001b} and the like), and, when longer than {@code maxChars} once
     * escaped, cut there and followed by {@code ...(N more chars)}.
     *
     * <p>Escaped are C0 controls, DEL, C1 controls (NEL included), the line and paragraph separators
     * U+2028 and U+2029, the bidirectional overrides and isolates (which reorder what a terminal
     * shows), and lone surrogates. Other text, quotes and backslashes included, is kept as is.
     *
     * @throws IllegalArgumentException when {@code maxChars} is below 1
     */
    public static String of(@Nullable Object value, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars);
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 24);
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            boolean pair = Character.isHighSurrogate(c) && at + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(at + 1));
            String escaped = pair ? null : escape(c);
            int width = escaped != null ? escaped.length() : pair ? 2 : 1;
            if (out.length() + width > maxChars) {
                break;
            }
            if (escaped != null) {
                out.append(escaped);
            } else {
                out.append(text, at, at + width);
            }
            at += pair ? 2 : 1;
        }
        if (at < text.length()) {
            out.append("...(").append(text.length() - at).append(" more chars)");
        }
        return out.toString();
    }

    private static @Nullable String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return needsEscape(c) ? String.format("\\u%04x", (int) c) : null;
        }
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || Character.isSurrogate(c);
    }
}
