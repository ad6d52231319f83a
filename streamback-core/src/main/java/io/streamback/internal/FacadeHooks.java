package io.streamback.internal;

import io.streamback.Context;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime needs from the public facade, which implements it: the context handed to a
 * listener and the application's callbacks. The runtime never holds the facade itself; the facade
 * reaches users' code only through here.
 */
public interface FacadeHooks {
    /** The context of one call of {@code listener}. */
    Context context(ListenerInfo listener, String group);

    /** Before a listener call. */
    void consumeBegin(ListenerInfo listener, Context context, Message message);

    /** After a listener call, with what it threw or null. */
    void consumeEnd(ListenerInfo listener, Context context, Message message, @Nullable Throwable error);

    /** After a listener call failed for good (no retry follows). */
    void consumeException(ListenerInfo listener, Context context, Message message, Throwable error);

    /** On a worker's thread before it starts consuming. */
    void workerStart();

    /** Every rescale interval, in the JVM that runs the autoscaler. */
    void tick();
}
