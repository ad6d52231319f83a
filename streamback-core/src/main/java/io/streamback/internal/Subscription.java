package io.streamback.internal;

import io.streamback.Listener;
import io.streamback.ListenerInfo;
import java.util.function.Supplier;

/**
 * A registered listener: what it is, how each worker makes its own instance, and its settings.
 *
 * @param info the listener's name and topic
 * @param factory creates the instance a worker runs
 * @param options its concurrency and retry settings
 */
public record Subscription(ListenerInfo info, Supplier<? extends Listener> factory, ListenOptions options) {
}
