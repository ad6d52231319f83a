package io.streamback.internal;

import io.streamback.text.LogText;

/** Untrusted text for a log line: the same as {@link LogText#of(Object)}. Kept only for callers not yet moved to it. */
final class Abbreviate {
    private Abbreviate() {
    }

    /** {@code text} escaped and cut, as {@link LogText#of(Object)} does. */
    static String text(String text) {
        return LogText.of(text);
    }
}
