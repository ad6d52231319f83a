package io.streamback.internal;

import io.streamback.Context;
import io.streamback.Handler;
import io.streamback.Listener;
import io.streamback.Message;

/** Runs a {@link Handler} lambda as a listener; stateless, so workers share one instance. */
public final class LambdaListener extends Listener {
    private final Handler handler;

    /** A listener calling {@code handler}. */
    public LambdaListener(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void consume(Context context, Message message) throws Exception {
        handler.handle(context, message);
    }
}
