package io.streamback;

/** Where a message is being handled: the Streamback instance and the listener. */
public interface Context {
    /** The Streamback instance running the listener; use it to send further messages. */
    Streamback streamback();

    /** The listener handling the message. */
    ListenerInfo listener();

    /** The consumer group of this application. */
    String group();
}
