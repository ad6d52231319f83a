package io.streamback.internal;

import io.streamback.RuntimeSnapshot;
import io.streamback.Streamback;
import io.streamback.StreambackConfig;
import io.streamback.WorkerMode;
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
 * {@code onTick}. In a process-mode child JVM ({@link ChildMode}) it runs only the child's one
 * worker: no autoscaler and no {@code onTick}, which belong to the supervising JVM.
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
        List<GroupSpec> planned = GroupPlanner.plan(subscriptions, config.poolConcurrency(), config.onlyTopics());
        ChildWorker child = ChildMode.current().map(mode -> new ChildWorker(mode, launcher)).orElse(null);
        WorkerLauncher launching = child != null ? child : launcher;
        this.groups = (child != null ? child.select(planned, config.name()) : planned).stream()
                .map(spec -> new WorkerGroup(spec, launching, config.name())).toList();
        if (groups.isEmpty() && child == null) {
            LOG.warn("event=no_listeners name={} only_topics={}", config.name(), config.onlyTopics());
        }
        groups.forEach(g -> g.scaleTo(child != null ? 1 : g.spec().concurrency().min(), config.minWorkerLifetime()));
        this.autoscaler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamback-" + config.name() + "-autoscaler");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.rescaleInterval().toMillis();
        if (child == null) {
            autoscaler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        } else if (child.serves(config.name())) {
            child.watch(streamback);
        }
    }

    /**
     * The launcher for {@code config.workerMode()}: child JVMs in process mode, except inside such a
     * child, whose one worker is a thread; threads otherwise.
     *
     * @throws io.streamback.StreambackException in process mode when this JVM's command line cannot be told
     */
    public static WorkerLauncher launcher(Streamback streamback, StreambackConfig config, String group,
            MainStream main, Topics topics, FeedbackWriter writer, Callbacks callbacks) {
        if (config.workerMode() == WorkerMode.PROCESSES && !ChildMode.isChild()) {
            return new ProcessWorkerLauncher(config.name());
        }
        return threads(streamback, group, main, topics, writer, callbacks);
    }

    /** The launcher that runs workers as threads of this JVM. */
    private static WorkerLauncher threads(Streamback streamback, String group, MainStream main, Topics topics,
            FeedbackWriter writer, Callbacks callbacks) {
        RecordProcessor processor = new RecordProcessor(streamback, group, topics, writer, callbacks,
                new DeadLetters(main));
        FatalRecords fatalRecords = new FatalRecords();
        return new ThreadWorkerLauncher((spec, id) -> new Worker(id, group, main, spec, topics, processor, callbacks,
                fatalRecords));
    }

    private void tick() {
        for (WorkerGroup workerGroup : groups) {
            int desired;
            try {
                long lag = main.lag(group, workerGroup.spec().topics().stream().map(topics::full).toList());
                workerGroup.lag(lag);
                desired = workerGroup.spec().concurrency().workersFor(lag);
            } catch (RuntimeException e) {
                LOG.warn("event=lag_read_failed group={} error={} action=\"keep the size, replace dead workers\"",
                        workerGroup.spec().name(), e.toString());
                desired = workerGroup.desired();
            }
            workerGroup.scaleTo(desired, config.minWorkerLifetime());
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
