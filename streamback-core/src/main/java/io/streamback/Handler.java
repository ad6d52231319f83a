package io.streamback;

/** A listener written as a lambda taking the context and the message. */
@FunctionalInterface
public interface Handler {
    /** Handles one message; a thrown exception sends the error end marker to the sender. */
    void handle(Context context, Message message) throws Exception;
}
