package io.streamback.internal;

import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each worker on a daemon thread of this JVM, so a listener that never returns cannot keep the
 * JVM alive after {@code close()}: the engine keeps one non-daemon thread while it runs.
 */
final class ThreadWorkerLauncher implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadWorkerLauncher.class);
    private final BiFunction<GroupSpec, String, Worker> workers;

    /** {@code workers} makes the worker for a group and an id. */
    ThreadWorkerLauncher(BiFunction<GroupSpec, String, Worker> workers) {
        this.workers = workers;
    }

    @Override
    public WorkerHandle launch(GroupSpec spec, String id) {
        Worker worker = workers.apply(spec, id);
        Thread thread = new Thread(worker, "streamback-" + id);
        thread.setDaemon(true);
        ThreadWorker handle = new ThreadWorker(spec.name(), worker, thread, Instant.now());
        thread.start();
        return handle;
    }

    /** Where a worker that does not stop is stuck, logged as the warning's exception. */
    private static final class StuckWorker extends Throwable {
        private static final long serialVersionUID = 1L;

        StuckWorker(Thread thread) {
            super("where " + thread.getName() + " is stuck", null, false, true);
            setStackTrace(thread.getStackTrace());
        }
    }

    private record ThreadWorker(String group, Worker worker, Thread thread, Instant startedAt) implements WorkerHandle {
        @Override
        public String id() {
            return worker.id();
        }

        @Override
        public boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public void stop() {
            worker.stop();
        }

        @Override
        public void forceStop() {
            if (thread.isAlive()) {
                LOG.warn("event=worker_abandoned worker={} thread={} reason=\"did not stop within the shutdown"
                        + " timeout: interrupted and left behind, its consumer closed; its uncommitted records are"
                        + " delivered again\"",
                        id(), thread.getName(), new StuckWorker(thread));
                thread.interrupt();
                worker.abandon();
            }
        }

        @Override
        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
            return !thread.isAlive();
        }

        @Override
        public WorkerSnapshot snapshot() {
            WorkerStats stats = worker.stats;
            return new WorkerSnapshot(id(), group, startedAt, stats.processed.get(), stats.failed.get(),
                    stats.expired.get(), stats.revocations.get(), -1, -1);
        }

        @Override
        public long[] recentHandlingNanos() {
            return worker.stats.times.recent();
        }
    }
}
