package io.streamback.internal;

import io.streamback.RuntimeSnapshot;
import io.streamback.Streamback;
import io.streamback.StreambackConfig;
import io.streamback.spi.MainStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one Streamback instance: plans the worker groups, starts them, and every rescale
 * interval reads each group's lag, resizes it by its concurrency, replaces dead workers and calls
 * {@code onTick}.
 */
public final class WorkerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

    private final Streamback streamback;
    private final StreambackConfig config;
    private final String group;
    private final MainStream main;
    private final Topics topics;
    private final Callbacks callbacks;
    private final List<WorkerGroup> groups;
    private final ScheduledExecutorService autoscaler;

    /** Plans the groups of {@code subscriptions} and starts their workers with {@code launcher}. */
    public WorkerRuntime(Streamback streamback, StreambackConfig config, String group, MainStream main,
            Topics topics, Callbacks callbacks, List<Subscription> subscriptions, WorkerLauncher launcher) {
        this.streamback = streamback;
        this.config = config;
        this.group = group;
        this.main = main;
        this.topics = topics;
        this.callbacks = callbacks;
        this.groups = GroupPlanner.plan(subscriptions, config.poolConcurrency(), config.onlyTopics()).stream()
                .map(spec -> new WorkerGroup(spec, launcher, config.name())).toList();
        if (groups.isEmpty()) {
            LOG.warn("event=no_listeners name={} only_topics={}", config.name(), config.onlyTopics());
        }
        groups.forEach(g -> g.scaleTo(g.spec().concurrency().min(), config.minWorkerLifetime()));
        this.autoscaler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamback-" + config.name() + "-autoscaler");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.rescaleInterval().toMillis();
        autoscaler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The launcher that runs workers as threads of this JVM. */
    public static WorkerLauncher threads(Streamback streamback, String group, MainStream main, Topics topics,
            FeedbackWriter writer, Callbacks callbacks) {
        RecordProcessor processor = new RecordProcessor(streamback, group, topics, writer, callbacks,
                new DeadLetters(main));
        return new ThreadWorkerLauncher((spec, id) -> new Worker(id, group, main, spec, topics, processor, callbacks));
    }

    private void tick() {
        for (WorkerGroup workerGroup : groups) {
            try {
                long lag = main.lag(group, workerGroup.spec().topics().stream().map(topics::full).toList());
                workerGroup.lag(lag);
                workerGroup.scaleTo(workerGroup.spec().concurrency().workersFor(lag), config.minWorkerLifetime());
            } catch (RuntimeException e) {
                LOG.warn("event=rescale_failed group={} error={}", workerGroup.spec().name(), e.toString());
            }
        }
        callbacks.tick();
    }

    /** Every group's workers now. */
    public RuntimeSnapshot snapshot() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new RuntimeSnapshot(Instant.now(), groups.stream().map(WorkerGroup::snapshot).toList(), heap,
                ProcessMemory.ownRssBytes());
    }

    /** Replaces worker {@code id} with a fresh one; false when no running worker has that id. */
    public boolean recycle(String id, String reason) {
        return groups.stream().anyMatch(g -> g.recycle(id, reason));
    }

    /** Stops the autoscaler and every worker, waiting at most {@code timeout}. */
    public void stop(Duration timeout) {
        autoscaler.shutdownNow();
        try {
            autoscaler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (WorkerGroup workerGroup : groups) {
                workerGroup.stop(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("event=workers_stopped name={}", streamback.name());
    }
}
