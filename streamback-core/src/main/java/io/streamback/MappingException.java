package io.streamback;

/** A value could not be written as JSON, or JSON could not be read as the type asked for. */
public final class MappingException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Names the value and the type. */
    public MappingException(String message) {
        super(message);
    }

    /** The same, with the underlying cause. */
    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
