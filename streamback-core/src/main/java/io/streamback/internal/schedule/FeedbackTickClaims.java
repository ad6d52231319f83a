package io.streamback.internal.schedule;

import io.streamback.FeedbackUnavailableException;
import io.streamback.internal.spi.FeedbackStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Claims ticks in the feedback stream (Redis), shared by every replica of the application: one
 * set-if-absent key per tick, {@code streamback_schedule:<app>:<schedule>:<tick epoch second>},
 * which expires after {@code ttl}.
 */
final class FeedbackTickClaims implements TickClaims {
    static final String KEY_PREFIX = "streamback_schedule:";
    /** How long a claim may take before the tick is given up. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    private final FeedbackStream feedback;
    private final String appName;
    private final Duration ttl;

    FeedbackTickClaims(FeedbackStream feedback, String appName, Duration ttl) {
        this.feedback = feedback;
        this.appName = appName;
        this.ttl = ttl;
    }

    static String key(String appName, String schedule, Instant tick) {
        return KEY_PREFIX + appName + ":" + schedule + ":" + tick.getEpochSecond();
    }

    @Override
    public boolean claim(String schedule, Instant tick) {
        String key = key(appName, schedule, tick);
        try {
            return feedback.claim(key, ttl).get(CLAIM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedbackUnavailableException("interrupted while claiming " + key, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FeedbackUnavailableException("cannot claim " + key + " in the feedback stream " + feedback + ": "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new FeedbackUnavailableException("claiming " + key + " in the feedback stream " + feedback
                    + " took over " + CLAIM_TIMEOUT.toSeconds() + "s", e);
        }
    }

    @Override
    public String describe() {
        return "feedback_stream";
    }
}
