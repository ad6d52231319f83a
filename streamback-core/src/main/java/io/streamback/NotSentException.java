package io.streamback;

/** The message did not reach the main stream: no broker answered, the topic does not exist, or the
 * producer's buffer stayed full; the message says which and what to check. Its feedback will not come. */
public final class NotSentException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Says why the message was not sent and what to check. */
    public NotSentException(String message) {
        super(message);
    }

    /** The same, with the underlying cause. */
    public NotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
