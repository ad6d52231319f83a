package io.streamback.internal;

import io.streamback.Health;
import io.streamback.StreambackException;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the servers of one instance can be reached, as last checked. The checks start on the
 * first {@link #latest()} and then run every {@link #INTERVAL} on a thread of their own, each
 * server asked at once and given {@link #PROBE_TIMEOUT} to answer; callers get the latest result
 * without waiting, except the very first, which waits for the first check, at most
 * {@link #FIRST_WAIT}.
 */
final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    /** How often the servers are checked once someone asked: 5 seconds. */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** How long a server has to answer a check: 2 seconds. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** The longest the first caller waits for the first check: 2.5 seconds. */
    static final Duration FIRST_WAIT = PROBE_TIMEOUT.plusMillis(500);

    /** The servers as last checked; {@code at} is null before the first check. */
    record Checked(Health.Server main, Health.@Nullable Server feedback, @Nullable Instant at) {
    }

    private final String name;
    private final MainStream main;
    private final String mainAddress;
    private final @Nullable FeedbackStream feedback;
    private final String feedbackAddress;
    private final CountDownLatch firstCheck = new CountDownLatch(1);
    private volatile Checked latest;
    private @Nullable ScheduledExecutorService checks;
    private boolean closed;

    /** Checks {@code main} and {@code feedback} (null: none), named in results by their addresses, passwords masked. */
    HealthMonitor(String name, MainStream main, String mainAddress, @Nullable FeedbackStream feedback,
            String feedbackAddress) {
        this.name = name;
        this.main = main;
        this.mainAddress = mainAddress;
        this.feedback = feedback;
        this.feedbackAddress = feedbackAddress;
        this.latest = new Checked(unchecked(mainAddress), feedback == null ? null : unchecked(feedbackAddress), null);
    }

    /** The latest check; the first call starts the checks and waits for the first, at most {@link #FIRST_WAIT}. */
    Checked latest() {
        if (start()) {
            try {
                firstCheck.await(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return latest;
    }

    /** The latest check, without starting any. */
    Checked lastKnown() {
        return latest;
    }

    /** Starts the checks unless they run or were closed; true when this call started them. */
    private synchronized boolean start() {
        if (checks != null || closed) {
            return false;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread checking = new Thread(runnable, "streamback-" + name + "-health");
            checking.setDaemon(true);
            return checking;
        });
        thread.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        checks = thread;
        return true;
    }

    private void check() {
        try {
            CompletableFuture<String> mainAnswer = main.probe(PROBE_TIMEOUT);
            CompletableFuture<String> feedbackAnswer = feedback == null ? null : feedback.probe(PROBE_TIMEOUT);
            Health.Server mainServer = server(mainAddress, mainAnswer);
            Health.Server feedbackServer = feedback == null || feedbackAnswer == null ? null
                    : server(feedbackAddress, feedbackAnswer);
            Checked previous = latest;
            latest = new Checked(mainServer, feedbackServer, Instant.now());
            logChange("main_stream", previous.main(), mainServer);
            if (feedbackServer != null) {
                logChange("feedback_stream", previous.feedback(), feedbackServer);
            }
        } catch (RuntimeException e) {
            LOG.warn("event=health_check_failed name={} error={}", name, LogText.of(e));
        } finally {
            firstCheck.countDown();
        }
    }

    private static Health.Server server(String address, CompletableFuture<String> answer) {
        try {
            String said = answer.get(PROBE_TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS);
            return new Health.Server(address, true, said, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health.Server(address, false, "check interrupted", Instant.now());
        } catch (TimeoutException e) {
            answer.cancel(false);
            return new Health.Server(address, false, "no answer within " + PROBE_TIMEOUT.toMillis() + " ms",
                    Instant.now());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof TimeoutException ? "no answer within " + PROBE_TIMEOUT.toMillis() + " ms"
                    : cause instanceof StreambackException ours ? LogText.of(ours.getMessage()) // ours say what to check
                    : LogText.of(cause);
            return new Health.Server(address, false, why, Instant.now());
        }
    }

    /** One line when a server goes down or comes back, none while it stays as it was. */
    private void logChange(String what, Health.@Nullable Server before, Health.Server now) {
        if (before != null && before.checkedAt() != null && before.reachable() == now.reachable()) {
            return;
        }
        if (now.reachable()) {
            LOG.info("event=health_reachable name={} server={} address={} answer=\"{}\"", name, what, now.address(),
                    LogText.of(now.detail()));
        } else {
            LOG.warn("event=health_unreachable name={} server={} address={} reason=\"{}\"", name, what,
                    now.address(), LogText.of(now.detail()));
        }
    }

    private static Health.Server unchecked(String address) {
        return new Health.Server(address, false, "not checked yet", null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (checks != null) {
            checks.shutdownNow();
        }
    }
}
