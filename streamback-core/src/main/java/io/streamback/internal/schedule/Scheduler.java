package io.streamback.internal.schedule;

import io.streamback.internal.text.LogText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread sending the ticks of every schedule of an application. It sleeps until the
 * next tick on a monitor, so {@link #close()} wakes it at once.
 *
 * <p>A tick is sent by whichever process claims it first. At start, the latest tick no older than
 * the look-back window is due (a tick missed while the application was down; of several, only the
 * latest). While running, every tick is sent, late if the thread stalled, but never later than
 * look-back plus {@link #LATE_TOLERANCE}: older ticks are dropped, so no tick is sent after its
 * claim could have expired.
 */
final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** How late beyond the look-back window a running scheduler still sends a tick (a stalled thread). */
    static final Duration LATE_TOLERANCE = Duration.ofMinutes(1);
    /** The longest sleep: the thread re-reads the clock at least this often, in case it was changed. */
    static final Duration MAX_SLEEP = Duration.ofMinutes(1);
    /** How much longer than look-back plus {@link #LATE_TOLERANCE} a claim outlives its tick. */
    static final Duration CLAIM_MARGIN = Duration.ofHours(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String appName;
    private final List<Cursor> cursors = new ArrayList<>();
    private final TickClaims claims;
    private final Schedules.Sender sender;
    private final Duration lookBack;
    private final Clock clock;
    private final ZoneId zone;
    private final Object monitor = new Object();
    private boolean stopped;
    private @Nullable Thread thread;

    Scheduler(String appName, List<ScheduleSpec> schedules, TickClaims claims, Schedules.Sender sender,
            Duration lookBack, Clock clock) {
        this.appName = appName;
        this.claims = claims;
        this.sender = sender;
        this.lookBack = lookBack;
        this.clock = clock;
        this.zone = clock.getZone();
        Instant now = clock.instant();
        for (ScheduleSpec spec : schedules) {
            cursors.add(new Cursor(spec, startCursor(spec.cron(), now, lookBack, zone)));
        }
    }

    /** How long a claim must live: longer than the latest a tick is ever sent. */
    static Duration claimTtl(Duration lookBack) {
        return lookBack.plus(LATE_TOLERANCE).plus(CLAIM_MARGIN);
    }

    /**
     * The instant up to which ticks count as handled at start: just before the latest tick at or
     * before {@code now} when it is inside the look-back window, else {@code now}.
     */
    static Instant startCursor(CronSchedule cron, Instant now, Duration lookBack, ZoneId zone) {
        Instant missed = cron.latest(now, zone);
        return missed != null && !missed.isBefore(now.minus(lookBack)) ? missed.minusNanos(1) : now;
    }

    /** Starts the thread; does nothing when started or closed before. */
    void start() {
        synchronized (monitor) {
            if (thread != null || stopped) {
                return;
            }
            Thread started = new Thread(this::run, "streamback-" + appName + "-scheduler");
            started.setDaemon(true);
            thread = started;
            started.start();
        }
    }

    /**
     * Sends the ticks due at the clock's time and returns when to run again. Called by the thread,
     * or by a test that has not started it.
     */
    Instant runDue() {
        Instant now = clock.instant();
        Instant wake = now.plus(MAX_SLEEP);
        for (Cursor cursor : cursors) {
            if (isStopped()) {
                break;
            }
            fire(cursor, now);
            Instant next = cursor.spec.cron().next(cursor.handled.isAfter(now) ? cursor.handled : now, zone);
            if (next != null && next.isBefore(wake)) {
                wake = next;
            }
        }
        return wake;
    }

    private void fire(Cursor cursor, Instant now) {
        ScheduleSpec spec = cursor.spec;
        Instant oldest = now.minus(lookBack).minus(LATE_TOLERANCE);
        Instant tick = spec.cron().next(cursor.handled, zone);
        if (tick != null && tick.isBefore(oldest)) {
            LOG.warn("event=schedule_ticks_dropped name={} then={} from={} before={} reason=\"the scheduler thread"
                    + " stalled for more than the look-back window plus {}s\"", spec.name(), spec.then(), tick, oldest,
                    LATE_TOLERANCE.toSeconds());
            cursor.handled = oldest.minusNanos(1);
            tick = spec.cron().next(cursor.handled, zone);
        }
        while (tick != null && !tick.isAfter(now) && !isStopped()) {
            cursor.handled = tick;
            claimAndSend(spec, tick);
            tick = spec.cron().next(tick, zone);
        }
    }

    private void claimAndSend(ScheduleSpec spec, Instant tick) {
        boolean claimed;
        try {
            claimed = claims.claim(spec.name(), tick);
        } catch (RuntimeException e) {
            LOG.warn("event=schedule_claim_failed name={} then={} tick={} reason=\"{}\" effect=\"tick not sent\"",
                    spec.name(), spec.then(), tick, LogText.of(e.getMessage()));
            return;
        }
        if (!claimed) {
            LOG.debug("event=schedule_tick_skipped name={} then={} tick={} reason=claimed_elsewhere",
                    spec.name(), spec.then(), tick);
            return;
        }
        send(spec, tick);
    }

    private void send(ScheduleSpec spec, Instant tick) {
        try {
            sender.send(spec.then(), spec.args()).whenComplete((sent, error) -> {
                if (error != null) {
                    LOG.warn("event=schedule_send_failed name={} then={} tick={} reason=\"{}\"", spec.name(),
                            spec.then(), tick, LogText.of(error.getMessage()));
                }
            });
            LOG.info("event=schedule_tick name={} then={} tick={}", spec.name(), spec.then(), tick);
        } catch (RuntimeException e) {
            LOG.warn("event=schedule_send_failed name={} then={} tick={} reason=\"{}\"", spec.name(), spec.then(),
                    tick, LogText.of(e.getMessage()));
        }
    }

    private void run() {
        LOG.debug("event=scheduler_running name={}", appName);
        while (true) {
            Instant wake;
            try {
                wake = runDue();
            } catch (RuntimeException e) {
                LOG.error("event=scheduler_error name={} reason=\"{}\"", appName, LogText.of(e.getMessage()), e);
                wake = clock.instant().plusSeconds(1);
            }
            if (!sleepUntil(wake)) {
                return;
            }
        }
    }

    /** Waits until {@code wake}; false when closed meanwhile. */
    private boolean sleepUntil(Instant wake) {
        synchronized (monitor) {
            try {
                while (!stopped) {
                    long nanos = Duration.between(clock.instant(), wake).toNanos();
                    if (nanos <= 0) {
                        return true;
                    }
                    monitor.wait((nanos + 999_999) / 1_000_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private boolean isStopped() {
        synchronized (monitor) {
            return stopped;
        }
    }

    /** Stops the thread, waiting for a tick being sent. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (monitor) {
            stopped = true;
            monitor.notifyAll();
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            running.join(STOP_TIMEOUT.toMillis());
            if (running.isAlive()) {
                running.interrupt();
                LOG.warn("event=scheduler_stop_slow name={} timeout_s={}", appName, STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A schedule and the latest tick it handled (sent, skipped or dropped). Touched by one thread. */
    private static final class Cursor {
        final ScheduleSpec spec;
        Instant handled;

        Cursor(ScheduleSpec spec, Instant handled) {
            this.spec = spec;
            this.handled = handled;
        }
    }
}
