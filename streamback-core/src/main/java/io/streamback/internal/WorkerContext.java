package io.streamback.internal;

import io.streamback.Context;
import io.streamback.ListenerInfo;
import io.streamback.Streamback;

/**
 * The context of one listener call.
 *
 * @param streamback the running instance
 * @param listener the listener called
 * @param group the consumer group
 */
public record WorkerContext(Streamback streamback, ListenerInfo listener, String group) implements Context {
}
