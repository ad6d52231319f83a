package io.streamback;

/**
 * A setting of one listener: a {@link Concurrency}, a {@link RetryStrategy}, a
 * {@link ProcessingTimeout}, or several joined with {@link #and(ListenOption)}, e.g.
 * {@code Concurrency.of(2).and(RetryStrategy.times(3))}.
 */
public sealed interface ListenOption permits Concurrency, RetryStrategy, ProcessingTimeout, JoinedOption {
    /** This option and {@code other} together; for two of the same kind, {@code other} wins. */
    default ListenOption and(ListenOption other) {
        return JoinedOption.of(this, java.util.Objects.requireNonNull(other, "other"));
    }
}
