package io.streamback;

import org.jspecify.annotations.Nullable;

/**
 * Hooks into the life of a Streamback instance; every method does nothing by default, so override
 * only what you need. Register with {@link Streamback#addCallback(Callback)}. Methods run on the
 * worker thread that handles the message; an exception thrown by a callback is logged and ignored.
 */
public interface Callback {
    /** Before a listener handles a message. */
    default void onConsumeBegin(Streamback streamback, ListenerInfo listener, Context context, Message message) {
    }

    /** After a listener handled a message; {@code exception} is what it threw, or null. */
    default void onConsumeEnd(Streamback streamback, ListenerInfo listener, Context context, Message message,
            @Nullable Throwable exception) {
    }

    /** When a listener threw while handling a message. */
    default void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
            Message message, Throwable exception) {
    }

    /**
     * When a worker starts, on the worker's own thread (Python's {@code on_fork}); in process mode,
     * inside the child JVM.
     */
    default void onWorkerStart(Streamback streamback) {
    }

    /**
     * Every rescale interval (default 1 s) while the instance runs, on the supervising side (the
     * parent JVM in process mode), on the autoscaler's thread: keep it short.
     */
    default void onTick(Streamback streamback) {
    }
}
