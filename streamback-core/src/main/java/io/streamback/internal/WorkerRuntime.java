package io.streamback.internal;

import io.streamback.Health;
import io.streamback.RuntimeSnapshot;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.text.LogText;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker groups of one application and, where this JVM supervises, the autoscaler: every
 * rescale interval it reads each group's lag, resizes the group by its concurrency, replaces dead
 * workers and calls {@code onTick}. Stopping signals every worker of every group at once and waits
 * for all of them against one deadline.
 */
final class WorkerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final String appName;
    private final String consumerGroup;
    private final MainStream main;
    private final Topics topics;
    private final List<WorkerGroup> groups;
    private final @Nullable ScheduledExecutorService autoscaler;
    private final Duration minWorkerLifetime;
    private final Runnable onTick;
    /** Set by {@link #stop}: a tick it interrupts neither warns nor scales. */
    private volatile boolean stopRequested;

    /**
     * Starts the workers of {@code specs} with {@code launcher}: each group at its minimum size, or
     * at {@code fixedSize} (and without autoscaler) when it is not null.
     */
    WorkerRuntime(String appName, String consumerGroup, MainStream main, Topics topics, List<GroupSpec> specs,
            WorkerLauncher launcher, @Nullable Integer fixedSize, Duration rescaleInterval,
            Duration minWorkerLifetime, Runnable onTick) {
        this.appName = appName;
        this.consumerGroup = consumerGroup;
        this.main = main;
        this.topics = topics;
        this.minWorkerLifetime = minWorkerLifetime;
        this.onTick = onTick;
        this.groups = specs.stream().map(spec -> new WorkerGroup(spec, launcher, appName)).toList();
        groups.forEach(g -> g.scaleTo(fixedSize != null ? fixedSize : g.spec().concurrency().min(),
                minWorkerLifetime));
        if (fixedSize == null) {
            autoscaler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "streamback-" + appName + "-autoscaler");
                thread.setDaemon(true);
                return thread;
            });
            long interval = rescaleInterval.toMillis();
            autoscaler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            autoscaler = null;
        }
    }

    private void tick() {
        for (WorkerGroup workerGroup : groups) {
            if (stopRequested) {
                return;
            }
            int desired;
            try {
                long lag = main.lag(consumerGroup, workerGroup.spec().topics().stream().map(topics::full).toList());
                workerGroup.lag(lag);
                desired = workerGroup.spec().concurrency().workersFor(lag);
            } catch (RuntimeException e) {
                if (stopRequested) {
                    return; // stop() interrupted the lag read: nothing went wrong
                }
                LOG.warn("event=lag_read_failed group={} error={} action=\"keep the size, replace dead workers\"",
                        workerGroup.spec().name(), LogText.of(e));
                desired = workerGroup.desired();
            }
            workerGroup.scaleTo(desired, minWorkerLifetime);
        }
        onTick.run();
    }

    /** Every group's workers now. */
    RuntimeSnapshot snapshot() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new RuntimeSnapshot(Instant.now(), groups.stream().map(WorkerGroup::snapshot).toList(), heap,
                ProcessMemory.ownRssBytes());
    }

    /** The names of the worker groups, in plan order. */
    List<String> groupNames() {
        return groups.stream().map(group -> group.spec().name()).toList();
    }

    /** The live workers of group {@code name}; 0 for an unknown group. */
    int workers(String name) {
        return group(name).map(WorkerGroup::alive).orElse(0);
    }

    /** The last lag read of group {@code name}; -1 before the first read or for an unknown group. */
    long lag(String name) {
        return group(name).map(WorkerGroup::lag).orElse(-1L);
    }

    /** Every group's health now. */
    List<Health.GroupHealth> health() {
        return groups.stream().map(WorkerGroup::health).toList();
    }

    private Optional<WorkerGroup> group(String name) {
        return groups.stream().filter(group -> group.spec().name().equals(name)).findFirst();
    }

    /** Replaces worker {@code id} with a fresh one; false when no running worker has that id. */
    boolean recycle(String id, String reason) {
        return groups.stream().anyMatch(g -> g.recycle(id, reason));
    }

    /**
     * Stops the autoscaler, asks every worker to stop at once, and waits for them until
     * {@code deadlineNanos} ({@link System#nanoTime()}); those still running then are force-stopped.
     */
    void stop(long deadlineNanos) {
        stopRequested = true;
        if (autoscaler != null) {
            autoscaler.shutdownNow();
        }
        List<WorkerHandle> stopping = new ArrayList<>();
        groups.forEach(group -> stopping.addAll(group.stopAll()));
        try {
            if (autoscaler != null) {
                autoscaler.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (WorkerHandle worker : stopping) {
                Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
                if (!worker.awaitStopped(left)) {
                    LOG.warn("event=worker_stop_timeout worker={} action=force_stop", worker.id());
                    worker.forceStop();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.forEach(WorkerHandle::forceStop);
        }
        LOG.info("event=workers_stopped name={} workers={}", appName, stopping.size());
    }
}
