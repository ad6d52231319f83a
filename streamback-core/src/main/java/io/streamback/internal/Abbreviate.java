package io.streamback.internal;

/** Shortens untrusted text before it goes into a log line. */
final class Abbreviate {
    private static final int MAX = 120;

    private Abbreviate() {
    }

    /** {@code text} cut to 120 characters, control characters replaced by {@code ?}. */
    static String text(String text) {
        String cut = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
