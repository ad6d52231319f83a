package io.streamback.internal.schedule;

import io.streamback.StreambackException;
import io.streamback.internal.spi.FeedbackStream;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of one application and, once started, the thread that sends their ticks.
 * {@code Streamback.schedule} adds to it and {@code Streamback.startInBackground()} starts it:
 * applications call those rather than this class. Thread-safe.
 */
public final class Schedules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    /** Sends a tick's message; the future completes when the main stream has it. */
    @FunctionalInterface
    public interface Sender {
        /** Sends {@code value} on {@code topic} (without prefix). */
        CompletableFuture<?> send(String topic, @Nullable Object value);
    }

    private final Map<String, ScheduleSpec> specs = new LinkedHashMap<>();
    private @Nullable Scheduler scheduler;
    private boolean started;
    private boolean closed;

    private Schedules() {
    }

    /** An empty set of schedules. */
    public static Schedules create() {
        return new Schedules();
    }

    /**
     * Adds a schedule sending {@code args} on topic {@code then} at every tick of {@code when}.
     *
     * @param when a cron expression: 5 fields, or 6 with leading seconds; day of week 0-7, 0 and 7 are Sunday
     * @throws io.streamback.SetupException naming the expression and the expected forms when {@code when} is invalid
     * @throws IllegalArgumentException when {@code name} or {@code then} is blank, or a schedule named
     *     {@code name} exists
     * @throws IllegalStateException after {@link #start}
     */
    public synchronized void add(String name, String when, String then, @Nullable Object args, String description) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(description, "description");
        if (name.isBlank() || then.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name and a topic, got name='" + name + "' then='"
                    + then + "'");
        }
        CronSchedule cron = CronSchedule.parse(when);
        if (started) {
            throw new IllegalStateException("schedule '" + name + "' added after start: add schedules before start()"
                    + " or startInBackground()");
        }
        if (specs.containsKey(name)) {
            throw new IllegalArgumentException("a schedule named '" + name + "' exists already: schedule names"
                    + " must be unique within the application");
        }
        specs.put(name, new ScheduleSpec(name, cron, then, args, description));
    }

    /** The number of schedules added. */
    public synchronized int size() {
        return specs.size();
    }

    /**
     * Starts sending the ticks of the application {@code appName} through {@code sender}. Ticks are
     * claimed in {@code feedback} when it is given, so each is sent once across all running
     * instances of the application; else in a state file in {@code stateDir}, right for a single
     * instance. Does nothing without schedules, when started before, or after {@link #close()}.
     */
    public void start(String appName, Sender sender, @Nullable FeedbackStream feedback, Duration lookBack,
            Path stateDir) {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(sender, "sender");
        synchronized (this) {
            if (!markStarted()) {
                return;
            }
            TickClaims claims = feedback != null
                    ? new FeedbackTickClaims(feedback, appName, Scheduler.claimTtl(lookBack))
                    : FileTickClaims.open(stateDir, appName);
            launch(appName, sender, claims, lookBack, Clock.systemDefaultZone());
        }
    }

    /** {@link #start(String, Sender, FeedbackStream, Duration, Path)} with every part given, for tests. */
    synchronized void start(String appName, Sender sender, TickClaims claims, Duration lookBack,
            Clock clock) {
        if (markStarted()) {
            launch(appName, sender, claims, lookBack, clock);
        }
    }

    /** Marks this started; true when there is a scheduler to launch. */
    private boolean markStarted() {
        if (started || closed) {
            return false;
        }
        started = true;
        return !specs.isEmpty();
    }

    private void launch(String appName, Sender sender, TickClaims claims, Duration lookBack, Clock clock) {
        for (ScheduleSpec spec : specs.values()) {
            LOG.info("event=schedule_started app={} name={} when=\"{}\" then={} description=\"{}\" claims={}"
                    + " look_back_s={}", appName, spec.name(), spec.cron(), spec.then(), spec.description(),
                    claims.describe(), lookBack.toSeconds());
        }
        Scheduler running = new Scheduler(appName, new ArrayList<>(specs.values()), claims, sender, lookBack, clock);
        scheduler = running;
        running.start();
    }

    /** Stops the scheduler thread, waiting for a tick being sent; no schedule starts afterwards. Idempotent. */
    @Override
    public void close() {
        Scheduler running;
        synchronized (this) {
            closed = true;
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.close();
        }
    }
}
