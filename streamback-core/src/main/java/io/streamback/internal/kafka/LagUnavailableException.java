package io.streamback.internal.kafka;

import io.streamback.StreambackException;

/** The lag of a consumer group could not be read; the autoscaler keeps the group's size. */
final class LagUnavailableException extends StreambackException {
    private static final long serialVersionUID = 1L;

    LagUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
