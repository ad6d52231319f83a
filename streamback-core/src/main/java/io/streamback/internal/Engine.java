package io.streamback.internal;

import io.streamback.Health;
import io.streamback.RuntimeSnapshot;
import io.streamback.StreambackClosedException;
import io.streamback.StreambackConfig;
import io.streamback.internal.schedule.Schedules;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.text.LogText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine behind a Streamback facade: it owns the transports, the feedback writer, the
 * threads that complete reads, the schedules' thread and the worker runtime, decides this JVM's
 * {@link Role} once, starts what the role runs, and runs the one shutdown sequence. See
 * {@code docs/runtime.md}.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** Threads completing reads: a fixed few, however many reads wait. Callbacks on read futures must not block. */
    private static final int COMPLETION_THREADS = 4;

    private final StreambackConfig config;
    private final String group;
    private final Role role;
    private final Topics topics;
    private final MainStream main;
    private final @Nullable FeedbackStream feedback;
    private final FeedbackWriter writer;
    private final JsonValues values;
    private final ExecutorService completionThreads;
    private final Outbox outbox;
    private final Observers observers;
    private final InstanceFigures figures;
    private final HealthMonitor health;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Instant createdAt = Instant.now();
    private final Object lifecycle = new Object();
    private @Nullable Schedules schedules;
    private @Nullable WorkerRuntime workers;
    private @Nullable AutoCloseable launcherState;
    private @Nullable Thread shutdownHook;
    private volatile boolean closing;

    /**
     * The engine of the application {@code config} describes.
     *
     * @param streams its parsed streams string
     * @param kafkaProperties the kafka-clients properties of its main stream, defaults and the user's joined
     * @param values the application's mapping of what it sends, answers and reads: this instance's, no other's
     */
    public Engine(StreambackConfig config, StreamsConfig streams, Map<String, String> kafkaProperties,
            JsonValues values) {
        this.config = config;
        this.values = values;
        this.group = config.group() != null ? config.group()
                : streams.group() != null ? streams.group() : config.name();
        this.role = Role.of(config.workerMode(), ChildMode.current());
        this.topics = new Topics(config.topicsPrefix() != null ? config.topicsPrefix() : streams.topicsPrefix());
        this.observers = new Observers(config.observers());
        this.main = Transports.main(streams, kafkaProperties, config.name(), config.observers());
        this.feedback = Transports.feedback(streams, "streamback:" + config.name(), config.feedbackWriteTimeout(),
                config.feedbackReplicas(), config.observers());
        this.writer = new FeedbackWriter(feedback, config.name(), config.feedbackTtl(),
                config.maxPendingFeedbackWrites(), values);
        this.completionThreads = Executors.newFixedThreadPool(COMPLETION_THREADS,
                daemonThreads("streamback-" + config.name() + "-feedback"));
        Executor completions = task -> {
            try {
                completionThreads.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // closed: complete here rather than never
            }
        };
        this.outbox = new Outbox(config.name(), topics, main, feedback, config.feedbackTimeout(), completions,
                values, observers);
        this.health = new HealthMonitor(config.name(), main, String.valueOf(streams.main()), feedback,
                String.valueOf(streams.feedback()));
        this.figures = new InstanceFigures(config.name(), group, outbox, writer, this::runningOrNull);
        observers.attach(figures);
        LOG.info("event=streamback_created name={} group={} role={} streams={}", config.name(), group,
                role.name().toLowerCase(java.util.Locale.ROOT), streams);
    }

    /** The consumer group of the listeners. */
    public String group() {
        return group;
    }

    /** What this JVM is to the application. */
    public Role role() {
        return role;
    }

    /** Where messages are sent. */
    public Outbox outbox() {
        return outbox;
    }

    /** Throws {@link StreambackClosedException} once {@link #close()} began. */
    public void ensureOpen() {
        if (closing) {
            throw new StreambackClosedException(config.name());
        }
    }

    /** Whether the workers were started. */
    public boolean started() {
        synchronized (lifecycle) {
            return workers != null;
        }
    }

    /**
     * Starts what this JVM's role runs: the workers of {@code subscriptions}, the autoscaler and
     * {@code onTick} where it supervises, the schedules' ticks where it supervises. Again: nothing.
     *
     * @throws StreambackClosedException after {@link #close()}
     */
    public void start(List<Subscription> subscriptions, FacadeHooks hooks, Schedules toRun) {
        synchronized (lifecycle) {
            ensureOpen();
            if (workers != null) {
                return;
            }
            List<GroupSpec> planned = GroupPlanner.plan(subscriptions, config.poolConcurrency(), config.onlyTopics());
            workers = switch (role) {
                case THREADS -> supervising(planned, threads(hooks, new SharedPoisonRecords()), hooks);
                case SUPERVISOR -> {
                    ProcessWorkerLauncher children = new ProcessWorkerLauncher(config.name());
                    launcherState = children;
                    yield supervising(planned, children, hooks);
                }
                case CHILD -> child(planned, hooks, ChildMode.current().orElseThrow());
            };
            observers.start(figures);
            if (planned.isEmpty() && role != Role.CHILD) {
                LOG.warn("event=no_listeners name={} only_topics={}", config.name(), config.onlyTopics());
            }
            if (role.supervises()) {
                schedules = toRun;
                // a tick is a job nobody waits on: sent without a deadline, so a late consumer still runs it
                toRun.start(config.name(), (topic, value) -> outbox.send(topic, value, null).sent(), feedback,
                        config.scheduleLookBack(), config.stateDir());
            }
            if (role != Role.CHILD || ChildMode.current().orElseThrow().serves(config.name())) {
                // the one non-daemon thread while workers run: they are daemons, so a hung listener cannot keep
                // the JVM up after close; a child's instance that runs no worker does not keep it up at all
                new Thread(this::awaitClosedQuietly, "streamback-" + config.name() + "-running").start();
            }
        }
    }

    private WorkerRuntime supervising(List<GroupSpec> planned, WorkerLauncher launcher, FacadeHooks hooks) {
        return new WorkerRuntime(config.name(), group, main, topics, planned, launcher, null,
                config.rescaleInterval(), config.minWorkerLifetime(), hooks::tick);
    }

    private WorkerRuntime child(List<GroupSpec> planned, FacadeHooks hooks, ChildMode mode) {
        PoisonRecords poison = mode.stateDir() != null ? new ChildPoisonRecords(mode.stateDir(), mode.workerId())
                : new SharedPoisonRecords();
        ChildWorker child = new ChildWorker(mode, threads(hooks, poison));
        WorkerRuntime runtime = new WorkerRuntime(config.name(), group, main, topics,
                child.select(planned, config.name()), child, 1, config.rescaleInterval(), config.minWorkerLifetime(),
                () -> { });
        if (child.serves(config.name())) {
            child.watch(config.name(), this::close);
        }
        return runtime;
    }

    /** The launcher that runs workers as threads of this JVM. */
    private WorkerLauncher threads(FacadeHooks hooks, PoisonRecords poison) {
        RecordProcessor processor = new RecordProcessor(config.name(), group, topics, writer, hooks,
                new DeadLetters(main), values, observers);
        return new ThreadWorkerLauncher((spec, id) -> new Worker(id, group, main, spec, topics, processor, hooks,
                poison, config.processingTimeout()));
    }

    /** Closes the engine on SIGTERM. */
    public void closeOnShutdown() {
        synchronized (lifecycle) {
            if (shutdownHook == null && !closing) {
                shutdownHook = new Thread(this::close, "streamback-" + config.name() + "-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
    }

    /** Waits until {@link #close()} finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private void awaitClosedQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The workers now. */
    public RuntimeSnapshot snapshot(String what) {
        return running(what).snapshot();
    }

    /** Replaces worker {@code workerId}; false when no running worker has that id. */
    public boolean recycle(String workerId, String reason, String what) {
        return running(what).recycle(workerId, reason);
    }

    /**
     * The instance's health: liveness from its state and its workers, readiness from the servers as
     * last checked (see {@link HealthMonitor}: the first call waits for the first check, at most
     * {@link HealthMonitor#FIRST_WAIT}; later calls do not wait).
     */
    public Health health() {
        boolean isClosed = closing;
        HealthMonitor.Checked servers = isClosed ? health.lastKnown() : health.latest();
        WorkerRuntime running = runningOrNull();
        List<Health.GroupHealth> groups = running == null ? List.of() : running.health();
        List<String> dead = groups.stream().filter(g -> !g.alive())
                .map(g -> "worker group " + g.name() + " has " + g.workers() + " of " + g.desired() + " workers alive")
                .toList();
        Health.Probe liveness = isClosed ? new Health.Probe(false, "streamback '" + config.name() + "' is closed")
                : dead.isEmpty() ? new Health.Probe(true, "") : new Health.Probe(false, String.join("; ", dead));
        List<String> unreachable = new ArrayList<>();
        if (isClosed) {
            unreachable.add("streamback '" + config.name() + "' is closed");
        } else {
            unreachable(unreachable, "the main stream", servers.main());
            if (servers.feedback() != null) {
                unreachable(unreachable, "the feedback stream", servers.feedback());
            }
        }
        Health.Probe readiness = new Health.Probe(unreachable.isEmpty(), String.join("; ", unreachable));
        return new Health(servers.at() == null ? createdAt : servers.at(), liveness, readiness, servers.main(),
                servers.feedback(), groups);
    }

    private static void unreachable(List<String> reasons, String what, Health.Server server) {
        if (!server.reachable()) {
            reasons.add(what + " " + server.address() + " cannot be reached: " + server.detail());
        }
    }

    private @Nullable WorkerRuntime runningOrNull() {
        synchronized (lifecycle) {
            return workers;
        }
    }

    private WorkerRuntime running(String what) {
        synchronized (lifecycle) {
            if (workers == null) {
                throw new IllegalStateException(what + " needs a started instance: call start() or startInBackground()");
            }
            return workers;
        }
    }

    /**
     * The shutdown sequence, once: stop the schedules' thread; ask every worker to stop at once and
     * wait for all against one deadline ({@link StreambackConfig#shutdownTimeout()}), each
     * finishing its call in hand, flushing its listeners and committing; force-stop the rest; flush
     * what was sent and close the connections. Idempotent; later calls return at once.
     */
    @Override
    public void close() {
        WorkerRuntime running;
        synchronized (lifecycle) {
            if (closing) {
                return;
            }
            closing = true;
            running = workers;
            removeShutdownHook();
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        LOG.info("event=streamback_closing name={} timeout_ms={}", config.name(), config.shutdownTimeout().toMillis());
        health.close();
        try {
            if (schedules != null) {
                schedules.close();
            }
            if (running != null) {
                running.stop(deadline);
            }
            main.close();
        } finally {
            try {
                if (feedback != null) {
                    feedback.close();
                }
            } finally {
                closeQuietly(launcherState);
                completionThreads.shutdown();
                observers.close(figures);
                closed.countDown();
                LOG.info("event=streamback_closed name={}", config.name());
            }
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("event=close_failed what={} error={}", closeable.getClass().getSimpleName(),
                        LogText.of(e));
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
