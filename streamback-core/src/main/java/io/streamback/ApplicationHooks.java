package io.streamback;

import io.streamback.internal.FacadeHooks;
import io.streamback.internal.text.LogText;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge between the runtime and an application's code: makes listener contexts and calls the
 * registered callbacks in order, with the facade; one that throws is logged and does not stop the
 * others.
 */
final class ApplicationHooks implements FacadeHooks {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationHooks.class);

    private final Streamback streamback;
    private final List<Callback> callbacks;

    /** Callbacks of {@code streamback}; {@code callbacks} is read live, so later additions count. */
    ApplicationHooks(Streamback streamback, List<Callback> callbacks) {
        this.streamback = streamback;
        this.callbacks = callbacks;
    }

    @Override
    public Context context(ListenerInfo listener, String group) {
        return new ListenerContext(streamback, listener, group);
    }

    @Override
    public void consumeBegin(ListenerInfo listener, Context context, Message message) {
        each("onConsumeBegin", c -> c.onConsumeBegin(streamback, listener, context, message));
    }

    @Override
    public void consumeEnd(ListenerInfo listener, Context context, Message message, @Nullable Throwable error) {
        each("onConsumeEnd", c -> c.onConsumeEnd(streamback, listener, context, message, error));
    }

    @Override
    public void consumeException(ListenerInfo listener, Context context, Message message, Throwable error) {
        each("onConsumeException", c -> c.onConsumeException(streamback, listener, context, message, error));
    }

    @Override
    public void workerStart() {
        each("onWorkerStart", c -> c.onWorkerStart(streamback));
    }

    @Override
    public void tick() {
        each("onTick", c -> c.onTick(streamback));
    }

    private void each(String hook, Consumer<Callback> call) {
        for (Callback callback : callbacks) {
            try {
                call.accept(callback);
            } catch (RuntimeException e) {
                LOG.warn("event=callback_failed callback={} hook={} error={}", callback.getClass().getName(), hook,
                        LogText.of(e));
            }
        }
    }
}
