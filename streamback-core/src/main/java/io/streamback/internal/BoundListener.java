package io.streamback.internal;

import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.RetryStrategy;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A listener instance owned by one worker, with its settings. Used by the worker's thread only; the
 * instance is replaced when a call of it timed out (the old one is stuck on a thread left behind).
 */
final class BoundListener {
    private final ListenerInfo info;
    private final Supplier<? extends Listener> factory;
    private final @Nullable RetryStrategy retry;
    private final @Nullable Duration timeout;
    private Listener listener;

    BoundListener(Subscription subscription, @Nullable Duration defaultTimeout) {
        this.info = subscription.info();
        this.factory = subscription.factory();
        this.retry = subscription.options().retry();
        this.timeout = subscription.options().timeout() != null ? subscription.options().timeout() : defaultTimeout;
        this.listener = factory.get();
    }

    ListenerInfo info() {
        return info;
    }

    Listener listener() {
        return listener;
    }

    @Nullable RetryStrategy retry() {
        return retry;
    }

    /** How long one call may take, or null for no limit. */
    @Nullable Duration timeout() {
        return timeout;
    }

    /** Makes a fresh instance to replace one that is stuck in a call. */
    void renew() {
        listener = factory.get();
    }
}
