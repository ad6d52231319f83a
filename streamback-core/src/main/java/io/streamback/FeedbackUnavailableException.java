package io.streamback;

/** The feedback stream could not be used: none is configured, it cannot be reached or refused the
 * credentials, it is closed, or a read or write failed; the message says which and what to check. */
public final class FeedbackUnavailableException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Says what failed on the feedback stream and what to check. */
    public FeedbackUnavailableException(String message) {
        super(message);
    }

    /** The same, with the underlying cause. */
    public FeedbackUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
