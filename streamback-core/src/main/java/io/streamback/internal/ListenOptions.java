package io.streamback.internal;

import io.streamback.Concurrency;
import io.streamback.ListenOption;
import io.streamback.ProcessingTimeout;
import io.streamback.RetryStrategy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one listener, joined from {@link ListenOption}s.
 *
 * @param concurrency its own worker group's size, or null to join the pool
 * @param retry how failures are retried, or null for no retry
 * @param timeout how long one call may take, or null for the application's default
 */
public record ListenOptions(@Nullable Concurrency concurrency, @Nullable RetryStrategy retry,
        @Nullable Duration timeout) implements ListenOption {
    /** No setting: the pool, no retry, the application's processing timeout. */
    public static final ListenOptions NONE = new ListenOptions(null, null, null);

    /** {@code first} and {@code second} together; {@code second} wins where both set the same thing. */
    public static ListenOption join(ListenOption first, ListenOption second) {
        ListenOptions a = of(first);
        ListenOptions b = of(second);
        return new ListenOptions(b.concurrency != null ? b.concurrency : a.concurrency,
                b.retry != null ? b.retry : a.retry, b.timeout != null ? b.timeout : a.timeout);
    }

    /** The settings an option stands for. */
    public static ListenOptions of(ListenOption option) {
        if (option instanceof ListenOptions options) {
            return options;
        }
        if (option instanceof Concurrency concurrency) {
            return new ListenOptions(concurrency, null, null);
        }
        if (option instanceof RetryStrategy retry) {
            return new ListenOptions(null, retry, null);
        }
        if (option instanceof ProcessingTimeout timeout) {
            return new ListenOptions(null, null, timeout.timeout());
        }
        throw new IllegalArgumentException("unknown listen option " + option.getClass().getName());
    }
}
