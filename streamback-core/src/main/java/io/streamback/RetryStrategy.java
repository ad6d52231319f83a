package io.streamback;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a listener's failures are retried before the message counts as failed: how many times, how
 * long to wait between tries, on which exceptions, and where failed records go. Immutable: each
 * method returns a new strategy.
 *
 * <p>While waiting, the worker keeps polling with its partitions paused, so a long interval never
 * makes it miss {@code max.poll.interval.ms}. After the last failure: the
 * {@code onConsumeException} callbacks run, the sender gets the error end marker, the record goes to
 * the dead-letter topic if one is set, and the offset is committed.
 */
public final class RetryStrategy implements ListenOption {
    /** Default wait between tries: 1 second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final int times;
    private final Duration interval;
    private final List<Class<? extends Throwable>> on;
    private final @Nullable String deadLetterTopic;

    private RetryStrategy(int times, Duration interval, List<Class<? extends Throwable>> on,
            @Nullable String deadLetterTopic) {
        this.times = times;
        this.interval = interval;
        this.on = on;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Retries a failed listener up to {@code times} more times, on any exception, {@link #DEFAULT_INTERVAL} apart. */
    public static RetryStrategy times(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("RetryStrategy.times must not be negative, got " + times);
        }
        return new RetryStrategy(times, DEFAULT_INTERVAL, List.of(), null);
    }

    /** No retry; useful with {@link #deadLetterTopic(String)} alone. */
    public static RetryStrategy none() {
        return times(0);
    }

    /** The wait between tries. */
    public RetryStrategy interval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        return new RetryStrategy(times, interval, on, deadLetterTopic);
    }

    /** Retries only exceptions of these types (and their subtypes); others fail at once. Default: every exception. */
    @SafeVarargs
    public final RetryStrategy on(Class<? extends Throwable>... types) {
        return new RetryStrategy(times, interval, List.of(types), deadLetterTopic);
    }

    /**
     * Sends each record that still fails after the last try to {@code topic} (topics prefix applied):
     * the original key and value, plus headers {@code streamback.error}, {@code streamback.listener},
     * {@code streamback.original.topic}, {@code streamback.original.partition} and
     * {@code streamback.original.offset}.
     */
    public RetryStrategy deadLetterTopic(String topic) {
        return new RetryStrategy(times, interval, on, Objects.requireNonNull(topic, "topic"));
    }

    /** How many more tries after the first failure. */
    public int times() {
        return times;
    }

    /** The wait between tries. */
    public Duration interval() {
        return interval;
    }

    /** The dead-letter topic, or null. */
    public @Nullable String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Whether {@code error} is worth another try. */
    public boolean retries(Throwable error) {
        return on.isEmpty() || on.stream().anyMatch(type -> type.isInstance(error));
    }

    @Override
    public String toString() {
        return "RetryStrategy{times=" + times + ", interval=" + interval + ", on=" + on
                + (deadLetterTopic == null ? "" : ", deadLetterTopic=" + deadLetterTopic) + "}";
    }
}
