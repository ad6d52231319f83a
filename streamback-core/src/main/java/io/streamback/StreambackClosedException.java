package io.streamback;

/** The Streamback instance was closed; create a new one. */
public final class StreambackClosedException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the closed instance. */
    public StreambackClosedException(String name) {
        super("streamback '" + name + "' is closed: create a new instance to send or listen");
    }
}
