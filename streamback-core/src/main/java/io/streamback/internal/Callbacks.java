package io.streamback.internal;

import io.streamback.Callback;
import io.streamback.Context;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.Streamback;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the registered callbacks in order; one that throws is logged and does not stop the others. */
public final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final Streamback streamback;
    private final List<Callback> callbacks;

    /** Callbacks of {@code streamback}; {@code callbacks} is read live, so later additions count. */
    public Callbacks(Streamback streamback, List<Callback> callbacks) {
        this.streamback = streamback;
        this.callbacks = callbacks;
    }

    void consumeBegin(ListenerInfo listener, Context context, Message message) {
        each("onConsumeBegin", c -> c.onConsumeBegin(streamback, listener, context, message));
    }

    void consumeEnd(ListenerInfo listener, Context context, Message message, @Nullable Throwable error) {
        each("onConsumeEnd", c -> c.onConsumeEnd(streamback, listener, context, message, error));
    }

    void consumeException(ListenerInfo listener, Throwable error, Context context, Message message) {
        each("onConsumeException", c -> c.onConsumeException(streamback, listener, error, context, message));
    }

    void workerStart() {
        each("onWorkerStart", c -> c.onWorkerStart(streamback));
    }

    void tick() {
        each("onTick", c -> c.onTick(streamback));
    }

    private void each(String hook, Consumer<Callback> call) {
        for (Callback callback : callbacks) {
            try {
                call.accept(callback);
            } catch (RuntimeException e) {
                LOG.warn("event=callback_failed callback={} hook={} error={}", callback.getClass().getName(), hook,
                        e.toString());
            }
        }
    }
}
