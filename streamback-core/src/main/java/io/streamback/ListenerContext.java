package io.streamback;

/**
 * The context of one listener call.
 *
 * @param streamback the running instance
 * @param listener the listener called
 * @param group the consumer group
 */
record ListenerContext(Streamback streamback, ListenerInfo listener, String group) implements Context {
}
