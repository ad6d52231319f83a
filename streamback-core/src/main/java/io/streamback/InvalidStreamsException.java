package io.streamback;

/** The streams string could not be parsed; the message names the bad part and the expected form. */
public final class InvalidStreamsException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** The form a streams string takes, quoted in every message of this exception. */
    public static final String EXPECTED_FORM =
            "main=kafka://host:port[,host:port...]&feedback=redis://host:port[&topics_prefix=P][&group=G]";

    /** Creates the exception; {@code problem} says what was wrong. */
    public InvalidStreamsException(String problem) {
        super("invalid streams string: " + problem + "; expected " + EXPECTED_FORM);
    }
}
