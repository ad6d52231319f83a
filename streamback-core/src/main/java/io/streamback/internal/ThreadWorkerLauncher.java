package io.streamback.internal;

import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** Runs each worker on a thread of this JVM. */
final class ThreadWorkerLauncher implements WorkerLauncher {
    private final BiFunction<GroupSpec, String, Worker> workers;

    /** {@code workers} makes the worker for a group and an id. */
    ThreadWorkerLauncher(BiFunction<GroupSpec, String, Worker> workers) {
        this.workers = workers;
    }

    @Override
    public WorkerHandle launch(GroupSpec spec, String id) {
        Worker worker = workers.apply(spec, id);
        Thread thread = new Thread(worker, "streamback-" + id);
        ThreadWorker handle = new ThreadWorker(spec.name(), worker, thread, Instant.now());
        thread.start();
        return handle;
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
        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
            return !thread.isAlive();
        }

        @Override
        public WorkerSnapshot snapshot() {
            WorkerStats stats = worker.stats;
            return new WorkerSnapshot(id(), group, startedAt, stats.processed.get(), stats.failed.get(),
                    stats.revocations.get(), -1, -1);
        }

        @Override
        public long[] recentHandlingNanos() {
            return worker.stats.times.recent();
        }
    }
}
