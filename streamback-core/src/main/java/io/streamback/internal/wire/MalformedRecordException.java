package io.streamback.internal.wire;

import io.streamback.StreambackException;

/** Bytes that are not a valid streamback envelope: not UTF-8, not JSON, or not a JSON object. */
public final class MalformedRecordException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what was wrong. */
    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a message saying what was wrong. */
    public MalformedRecordException(String message) {
        super(message);
    }
}
