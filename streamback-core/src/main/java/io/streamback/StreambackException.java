package io.streamback;

/**
 * The root of every exception Streamback throws; unchecked. Each failure a caller may handle
 * differently has its own subclass: {@link NotSentException}, {@link FeedbackUnavailableException},
 * {@link FeedbackTimeoutException}, {@link FeedbackException} (the consumer answered with an error),
 * {@link StreambackClosedException}, {@link InvalidStreamsException}, {@link MappingException},
 * {@link SetupException} and {@link ListenerTimeoutException}.
 */
public abstract class StreambackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what went wrong and what to do next. */
    protected StreambackException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    protected StreambackException(String message, Throwable cause) {
        super(message, cause);
    }
}
