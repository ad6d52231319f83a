package io.streamback;

import io.streamback.internal.AnnotatedListener;
import io.streamback.internal.LambdaListener;
import io.streamback.internal.ListenOptions;
import io.streamback.internal.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A set of listeners declared apart from the Streamback instance, e.g. in another file, and added
 * to it with {@link Streamback#includeRouter(Router)}.
 */
public final class Router {
    private static final ListenOption NO_OPTION = new JoinedOption(List.of());

    private final List<Subscription> subscriptions = new ArrayList<>();

    /** An empty router. */
    public Router() {
    }

    /** Listens to {@code topic} with a lambda taking the context and the message. */
    public Router listen(String topic, Handler handler) {
        return listen(topic, NO_OPTION, handler);
    }

    /** Listens to {@code topic} with a lambda taking only the message. */
    public Router listen(String topic, MessageHandler handler) {
        return listen(topic, NO_OPTION, handler);
    }

    /** Listens to {@code topic} with a class-based listener; each worker calls {@code factory} for its own instance. */
    public Router listen(String topic, Supplier<? extends Listener> factory) {
        return listen(topic, NO_OPTION, factory);
    }

    /** Like {@link #listen(String, Handler)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Router listen(String topic, ListenOption options, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        LambdaListener listener = new LambdaListener(handler);
        return add(topic, options, () -> listener);
    }

    /** Like {@link #listen(String, MessageHandler)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Router listen(String topic, ListenOption options, MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return listen(topic, options, (context, message) -> handler.handle(message));
    }

    /** Like {@link #listen(String, Supplier)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Router listen(String topic, ListenOption options, Supplier<? extends Listener> factory) {
        return add(topic, options, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Adds every {@link Listen} method of {@code handlers}.
     *
     * @throws SetupException when a method has a parameter that cannot be injected, or none is annotated
     */
    public Router register(Object handlers) {
        synchronized (subscriptions) {
            subscriptions.addAll(AnnotatedListener.scan(Objects.requireNonNull(handlers, "handlers")));
        }
        return this;
    }

    /** Adds every listener of {@code other}. */
    public Router include(Router other) {
        List<Subscription> theirs = other.subscriptions();
        synchronized (subscriptions) {
            subscriptions.addAll(theirs);
        }
        return this;
    }

    private Router add(String topic, ListenOption options, Supplier<? extends Listener> factory) {
        Objects.requireNonNull(topic, "topic");
        ListenOptions settings = ListenOptions.of(JoinedOption.flatten(Objects.requireNonNull(options, "options")));
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        synchronized (subscriptions) {
            subscriptions.add(new Subscription(new ListenerInfo(topic + "#" + subscriptions.size(), topic), factory,
                    settings));
        }
        return this;
    }

    List<Subscription> subscriptions() {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions);
        }
    }
}
