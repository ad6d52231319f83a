package io.streamback;

/** The root of every exception Streamback throws; unchecked. */
public class StreambackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what went wrong and what to do next. */
    public StreambackException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public StreambackException(String message, Throwable cause) {
        super(message, cause);
    }
}
