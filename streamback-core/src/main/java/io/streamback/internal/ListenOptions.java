package io.streamback.internal;

import io.streamback.Concurrency;
import io.streamback.ListenOption;
import io.streamback.RetryStrategy;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one listener, joined from {@link ListenOption}s.
 *
 * @param concurrency its own worker group's size, or null to join the pool
 * @param retry how failures are retried, or null for no retry
 */
public record ListenOptions(@Nullable Concurrency concurrency, @Nullable RetryStrategy retry) implements ListenOption {
    /** No setting: the pool, no retry. */
    public static final ListenOptions NONE = new ListenOptions(null, null);

    /** {@code first} and {@code second} together; {@code second} wins where both set the same thing. */
    public static ListenOption join(ListenOption first, ListenOption second) {
        ListenOptions a = of(first);
        ListenOptions b = of(second);
        return new ListenOptions(b.concurrency != null ? b.concurrency : a.concurrency,
                b.retry != null ? b.retry : a.retry);
    }

    /** The settings an option stands for. */
    public static ListenOptions of(ListenOption option) {
        if (option instanceof ListenOptions options) {
            return options;
        }
        if (option instanceof Concurrency concurrency) {
            return new ListenOptions(concurrency, null);
        }
        if (option instanceof RetryStrategy retry) {
            return new ListenOptions(null, retry);
        }
        throw new IllegalArgumentException("unknown listen option " + option.getClass().getName());
    }
}
