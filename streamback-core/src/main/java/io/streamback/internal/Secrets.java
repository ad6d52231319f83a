package io.streamback.internal;

/**
 * Masks passwords: the same as {@link io.streamback.text.Secrets#mask(String)}, which holds the
 * rules. Kept only for callers not yet moved to that class.
 */
public final class Secrets {
    private Secrets() {
    }

    /** {@code text} with every password of a streams string replaced by {@code ****}. */
    public static String mask(String text) {
        return io.streamback.text.Secrets.mask(text);
    }
}
