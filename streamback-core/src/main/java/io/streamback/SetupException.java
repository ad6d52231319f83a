package io.streamback;

/** Something set up in code cannot work as given: a listener method, a schedule, process mode; the
 * message says what to change. */
public final class SetupException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Says what cannot work and what to change. */
    public SetupException(String message) {
        super(message);
    }

    /** The same, with the underlying cause. */
    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
