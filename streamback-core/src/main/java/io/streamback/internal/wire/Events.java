package io.streamback.internal.wire;

/** The {@code event} values of the wire protocol. */
public final class Events {
    /** A message sent on the main stream. */
    public static final String MESSAGE = "message";
    /** One reply on the feedback stream. */
    public static final String RESPONSE = "response";
    /** The consumer group finished the message without error: no more replies from it. */
    public static final String RESPONSE_END = "response_end";
    /** The consumer group finished the message and at least one listener failed. */
    public static final String RESPONSE_END_WITH_ERROR = "response_end_with_error";
    /** Defined by Python streamback but never sent; accepted and ignored by readers. */
    public static final String RESPONSE_START = "response_start";

    private Events() {
    }
}
