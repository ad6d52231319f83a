package io.streamback;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one call of a listener may take before the record counts as failed, for a listener that
 * may hang (a remote call without a timeout, a lock never released). When it passes, the call
 * fails with {@link ListenerTimeoutException} as if the listener had thrown it (retries, error end
 * marker, dead letter), a warning names the listener, the record and the stuck thread's stack, and
 * the worker goes on with a fresh thread and a fresh listener instance; the stuck thread is
 * interrupted and left behind. Off by default; set it per listener
 * ({@code listen(topic, ProcessingTimeout.of(Duration.ofSeconds(30)), handler)}) or for every
 * listener with {@link StreambackBuilder#processingTimeout(Duration)}.
 *
 * <p>A listener with a timeout runs on a thread of its worker's own, one hand-over per record.
 * Keep the timeout below the consumer's {@code max.poll.interval.ms} (5 minutes by default).
 */
public final class ProcessingTimeout implements ListenOption {
    private final Duration timeout;

    private ProcessingTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Fails a call that has not returned after {@code timeout}.
     *
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public static ProcessingTimeout of(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ProcessingTimeout must be positive, got " + timeout);
        }
        return new ProcessingTimeout(timeout);
    }

    /** The longest a call may take. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "ProcessingTimeout{" + timeout + "}";
    }
}
