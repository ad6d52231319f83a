package io.streamback.internal.spi;

import io.streamback.StreambackException;

/**
 * A feedback write the store refused for good (the key holds another type, say): writing it
 * again cannot succeed, so delivering its record again would only block the records behind it.
 */
public final class FeedbackRejectedException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message} and the store's error. */
    public FeedbackRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
