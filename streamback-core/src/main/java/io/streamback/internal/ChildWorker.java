package io.streamback.internal;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one worker a process-mode child JVM runs: of the planned groups only the one its supervisor
 * named, as one thread worker carrying the supervisor's worker id (so both log the same id). A
 * watchdog closes the application when that worker ends or the supervisor is gone, so that no
 * orphan keeps consuming, and SIGTERM closes it gracefully even without {@code start()}.
 */
final class ChildWorker implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ChildWorker.class);
    private static final long WATCH_INTERVAL_MS = 500;

    private final ChildMode child;
    private final WorkerLauncher threads;
    private volatile @Nullable WorkerHandle worker;

    /** The child's worker, started by {@code threads}. */
    ChildWorker(ChildMode child, WorkerLauncher threads) {
        this.child = child;
        this.threads = threads;
    }

    /** Whether the instance named {@code app} is the one this child serves. */
    boolean serves(String app) {
        return child.serves(app);
    }

    /** Of {@code planned}, the group this child runs: none for another instance, or when it is missing. */
    List<GroupSpec> select(List<GroupSpec> planned, String app) {
        if (!child.serves(app)) {
            LOG.info("event=child_skips_instance name={} serves={} reason=\"a worker child runs only its own"
                    + " instance's worker\"", app, child.app());
            return List.of();
        }
        List<GroupSpec> mine = planned.stream().filter(spec -> spec.name().equals(child.group())).toList();
        if (mine.isEmpty()) {
            LOG.error("event=child_group_missing name={} group={} planned={} reason=\"the child's listeners"
                    + " differ from its supervisor's: main must set up the same listeners each run\"", app,
                    child.group(), planned.stream().map(GroupSpec::name).toList());
        }
        return mine;
    }

    @Override
    public WorkerHandle launch(GroupSpec spec, String ignoredId) {
        WorkerHandle launched = threads.launch(spec, child.workerId());
        worker = launched;
        LOG.info("event=child_worker_started worker={} group={} pid={} parent_pid={}", child.workerId(),
                spec.name(), ProcessHandle.current().pid(), child.parentPid());
        return launched;
    }

    /** Runs {@code close} on SIGTERM, and once the worker ended or the supervisor is gone. */
    void watch(String appName, Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(close, "streamback-child-shutdown"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamback-" + appName + "-child-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(() -> {
            String reason = !parentAlive() ? "parent_gone" : !workerAlive() ? "worker_ended" : null;
            if (reason != null) {
                LOG.info("event=child_closing worker={} reason={}", child.workerId(), reason);
                watchdog.shutdown();
                close.run();
            }
        }, WATCH_INTERVAL_MS, WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private boolean workerAlive() {
        WorkerHandle current = worker;
        return current != null && current.isAlive();
    }

    /** True while this JVM's parent is still the supervisor: when it dies the child is re-parented. */
    private boolean parentAlive() {
        return child.parentPid() < 0 || ProcessHandle.current().parent()
                .map(parent -> parent.pid() == child.parentPid() && parent.isAlive()).orElse(false);
    }
}
