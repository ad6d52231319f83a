package io.streamback;

/** A listener written as a lambda taking only the message. */
@FunctionalInterface
public interface MessageHandler {
    /** Handles one message; a thrown exception sends the error end marker to the sender. */
    void handle(Message message) throws Exception;
}
