package io.streamback;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How a listener's failures are retried before the message counts as failed: how many times, how
 * long to wait between tries, on which exceptions, and where failed records go. Immutable: each
 * method returns a new strategy.
 *
 * <p>The wait is fixed by default; {@link #backoff(double, Duration)} makes it grow after each failed
 * try and {@link #jitter(double)} spreads retries of many records apart. While a record waits, only
 * its partition is paused: the worker goes on with the records of its other partitions and keeps
 * polling, so a long interval never makes it miss {@code max.poll.interval.ms}. After the last failure: the
 * {@code onConsumeException} callbacks run, the sender gets the error end marker, the record goes to
 * the dead-letter topic if one is set, and the offset is committed.
 */
public final class RetryStrategy implements ListenOption {
    /** Default wait between tries: 1 second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** Default growth of the wait after each failed try: 1, a fixed interval. */
    public static final double DEFAULT_MULTIPLIER = 1.0;
    /** Default share of each wait taken off at random: 0, no jitter. */
    public static final double DEFAULT_JITTER = 0.0;

    private final int times;
    private final Duration interval;
    private final double multiplier;
    private final Duration maxInterval;
    private final double jitter;
    private final List<Class<? extends Throwable>> on;
    private final @Nullable String deadLetterTopic;

    private RetryStrategy(int times, Duration interval, double multiplier, Duration maxInterval, double jitter,
            List<Class<? extends Throwable>> on, @Nullable String deadLetterTopic) {
        this.times = times;
        this.interval = interval;
        this.multiplier = multiplier;
        this.maxInterval = maxInterval;
        this.jitter = jitter;
        this.on = on;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Retries a failed listener up to {@code times} more times, on any exception, {@link #DEFAULT_INTERVAL} apart. */
    public static RetryStrategy times(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("RetryStrategy.times must not be negative, got " + times);
        }
        return new RetryStrategy(times, DEFAULT_INTERVAL, DEFAULT_MULTIPLIER, DEFAULT_INTERVAL, DEFAULT_JITTER,
                List.of(), null);
    }

    /** No retry; useful with {@link #deadLetterTopic(String)} alone. */
    public static RetryStrategy none() {
        return times(0);
    }

    /** The wait before the first retry, and between tries unless {@link #backoff(double, Duration)} makes it grow. */
    public RetryStrategy interval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        return new RetryStrategy(times, interval, multiplier, multiplier == DEFAULT_MULTIPLIER ? interval
                : maxInterval, jitter, on, deadLetterTopic);
    }

    /**
     * Exponential backoff: each wait is {@code multiplier} times the one before, starting at the
     * {@link #interval(Duration)}, never longer than {@code maxInterval}. E.g. an interval of 1 s
     * with {@code backoff(2, 30 s)} waits 1, 2, 4, 8, 16, 30, 30 s. Default
     * {@link #DEFAULT_MULTIPLIER}: a fixed interval.
     *
     * @throws IllegalArgumentException when {@code multiplier} is below 1 or {@code maxInterval} is negative
     */
    public RetryStrategy backoff(double multiplier, Duration maxInterval) {
        Objects.requireNonNull(maxInterval, "maxInterval");
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1, got " + multiplier);
        }
        if (maxInterval.isNegative()) {
            throw new IllegalArgumentException("backoff maxInterval must not be negative, got " + maxInterval);
        }
        return new RetryStrategy(times, interval, multiplier, maxInterval, jitter, on, deadLetterTopic);
    }

    /**
     * Takes a random share of up to {@code fraction} off each wait (0.5: each wait lies between half
     * and all of it), so records that failed together are not all retried at the same instant.
     * Default {@link #DEFAULT_JITTER}.
     *
     * @throws IllegalArgumentException when {@code fraction} is not between 0 and 1
     */
    public RetryStrategy jitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + fraction);
        }
        return new RetryStrategy(times, interval, multiplier, maxInterval, fraction, on, deadLetterTopic);
    }

    /** Retries only exceptions of these types (and their subtypes); others fail at once. Default: every exception. */
    @SafeVarargs
    public final RetryStrategy on(Class<? extends Throwable>... types) {
        return new RetryStrategy(times, interval, multiplier, maxInterval, jitter, List.of(types), deadLetterTopic);
    }

    /**
     * Sends each record that still fails after the last try to {@code topic} (topics prefix applied):
     * the original key and value, plus headers {@code streamback.error}, {@code streamback.listener},
     * {@code streamback.original.topic}, {@code streamback.original.partition} and
     * {@code streamback.original.offset}.
     */
    public RetryStrategy deadLetterTopic(String topic) {
        return new RetryStrategy(times, interval, multiplier, maxInterval, jitter, on,
                Objects.requireNonNull(topic, "topic"));
    }

    /** How many more tries after the first failure. */
    public int times() {
        return times;
    }

    /** The wait before the first retry. */
    public Duration interval() {
        return interval;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry), backoff and jitter applied.
     *
     * @throws IllegalArgumentException when {@code retry} is below 1
     */
    public Duration delayBefore(int retry) {
        return delayBefore(retry, ThreadLocalRandom.current().nextDouble());
    }

    /** {@link #delayBefore(int)} with {@code random} (in [0, 1)) choosing the jitter. */
    Duration delayBefore(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
        }
        double nanos = interval.toNanos();
        if (multiplier != DEFAULT_MULTIPLIER) {
            nanos = Math.min(nanos * Math.pow(multiplier, retry - 1), Math.max(maxInterval.toNanos(), nanos));
        }
        return Duration.ofNanos(Math.round(nanos * (1 - jitter * random)));
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
        return "RetryStrategy{times=" + times + ", interval=" + interval
                + (multiplier == DEFAULT_MULTIPLIER ? "" : ", backoff=" + multiplier + "x up to " + maxInterval)
                + (jitter == DEFAULT_JITTER ? "" : ", jitter=" + jitter) + ", on=" + on
                + (deadLetterTopic == null ? "" : ", deadLetterTopic=" + deadLetterTopic) + "}";
    }
}
