package io.streamback.internal;

import io.streamback.Concurrency;
import io.streamback.ListenOption;
import io.streamback.ProcessingTimeout;
import io.streamback.RetryStrategy;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one listener, joined from {@link ListenOption}s.
 *
 * @param concurrency its own worker group's size, or null to join the pool
 * @param retry how failures are retried, or null for no retry
 * @param timeout how long one call may take, or null for the application's default
 */
public record ListenOptions(@Nullable Concurrency concurrency, @Nullable RetryStrategy retry,
        @Nullable Duration timeout) {
    /** No setting: the pool, no retry, the application's processing timeout. */
    public static final ListenOptions NONE = new ListenOptions(null, null, null);

    /** The settings {@code options} stand for, in order: where two set the same thing, the later wins. */
    public static ListenOptions of(List<ListenOption> options) {
        ListenOptions joined = NONE;
        for (ListenOption option : options) {
            joined = joined.with(option);
        }
        return joined;
    }

    private ListenOptions with(ListenOption option) {
        if (option instanceof Concurrency set) {
            return new ListenOptions(set, retry, timeout);
        }
        if (option instanceof RetryStrategy set) {
            return new ListenOptions(concurrency, set, timeout);
        }
        if (option instanceof ProcessingTimeout set) {
            return new ListenOptions(concurrency, retry, set.timeout());
        }
        throw new IllegalArgumentException("unknown listen option " + option.getClass().getName()
                + ": use Concurrency, RetryStrategy or ProcessingTimeout");
    }
}
