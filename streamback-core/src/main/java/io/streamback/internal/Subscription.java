package io.streamback.internal;

import io.streamback.Listener;
import io.streamback.ListenerInfo;
import java.util.function.Supplier;

/**
 * A registered listener: what it is and how each worker makes its own instance.
 *
 * @param info the listener's name and topic
 * @param factory creates the instance a worker runs
 */
public record Subscription(ListenerInfo info, Supplier<? extends Listener> factory) {
}
