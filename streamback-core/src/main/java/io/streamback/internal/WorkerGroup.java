package io.streamback.internal;

import io.streamback.Health;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live workers of one {@link GroupSpec}: grows and shrinks them, replaces those that died, and
 * recycles one on request. Retired workers stop gracefully in the background.
 */
final class WorkerGroup {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerGroup.class);

    private final GroupSpec spec;
    private final WorkerLauncher launcher;
    private final String idPrefix;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final List<WorkerHandle> workers = new ArrayList<>();
    private final List<WorkerHandle> retiring = new ArrayList<>();
    private volatile long lag = -1;
    private int desired;
    private boolean stopped;

    WorkerGroup(GroupSpec spec, WorkerLauncher launcher, String appName) {
        this.spec = spec;
        this.launcher = launcher;
        this.idPrefix = appName + "-" + spec.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-";
    }

    GroupSpec spec() {
        return spec;
    }

    void lag(long lag) {
        this.lag = lag;
    }

    /** The size last asked for. */
    synchronized int desired() {
        return desired;
    }

    /** Replaces dead workers, then starts or retires workers until {@code desired} run. */
    synchronized void scaleTo(int desired, Duration minLifetime) {
        if (stopped) {
            return;
        }
        this.desired = desired;
        retiring.removeIf(worker -> !worker.isAlive());
        for (WorkerHandle dead : workers.stream().filter(worker -> !worker.isAlive()).toList()) {
            LOG.warn("event=worker_died worker={} group={} action=replace", dead.id(), spec.name());
            workers.remove(dead);
        }
        while (workers.size() < desired) {
            workers.add(launch());
        }
        Instant oldEnough = Instant.now().minus(minLifetime);
        while (workers.size() > desired) {
            Optional<WorkerHandle> youngestEligible = workers.stream()
                    .filter(worker -> !worker.startedAt().isAfter(oldEnough))
                    .max(Comparator.comparing(WorkerHandle::startedAt));
            if (youngestEligible.isEmpty()) {
                break;
            }
            retire(youngestEligible.get(), "scale_down");
        }
    }

    /** Replaces worker {@code id} with a new one (new listener instances, new consumer); false if it is not here. */
    synchronized boolean recycle(String id, String reason) {
        Optional<WorkerHandle> found = workers.stream().filter(worker -> worker.id().equals(id)).findFirst();
        if (stopped || found.isEmpty()) {
            return false;
        }
        retire(found.get(), reason);
        workers.add(launch());
        return true;
    }

    private WorkerHandle launch() {
        WorkerHandle worker = launcher.launch(spec, idPrefix + nextIndex.getAndIncrement());
        LOG.info("event=worker_added worker={} group={} workers={}", worker.id(), spec.name(), workers.size() + 1);
        return worker;
    }

    private void retire(WorkerHandle worker, String reason) {
        workers.remove(worker);
        retiring.add(worker);
        worker.stop();
        LOG.info("event=worker_retired worker={} group={} reason={} workers={}", worker.id(), spec.name(), reason,
                workers.size());
    }

    /** Asks every worker to stop, retired ones included, and returns them; the group starts none afterwards. */
    synchronized List<WorkerHandle> stopAll() {
        stopped = true;
        List<WorkerHandle> all = new ArrayList<>(workers);
        all.addAll(retiring);
        workers.clear();
        retiring.clear();
        all.forEach(WorkerHandle::stop);
        return all;
    }

    /** The lag last read, -1 before the first read. */
    long lag() {
        return lag;
    }

    /** The workers alive now. */
    synchronized int alive() {
        return (int) workers.stream().filter(WorkerHandle::isAlive).count();
    }

    /** The group's health: its live workers against the size last asked for, and its lag. */
    synchronized Health.GroupHealth health() {
        return new Health.GroupHealth(spec.name(), spec.topics(), alive(), desired, lag);
    }

    synchronized WorkerGroupSnapshot snapshot() {
        List<WorkerSnapshot> members = workers.stream().map(WorkerHandle::snapshot).toList();
        long[] times = workers.stream().flatMapToLong(worker -> LongStream.of(worker.recentHandlingNanos()))
                .toArray();
        return new WorkerGroupSnapshot(spec.name(), spec.topics(), spec.concurrency(), members.size(),
                members.stream().mapToLong(WorkerSnapshot::processed).sum(),
                members.stream().mapToLong(WorkerSnapshot::failed).sum(), lag,
                HandlingTimes.percentile(times, 50), HandlingTimes.percentile(times, 99), members);
    }
}
