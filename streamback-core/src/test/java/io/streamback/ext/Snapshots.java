package io.streamback.ext;

import io.streamback.Concurrency;
import io.streamback.RuntimeSnapshot;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Hand-made runtime snapshots for unit tests. */
final class Snapshots {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final long MB = 1024L * 1024L;

    private Snapshots() {
    }

    /** A thread-mode worker of {@code group} started at {@code startedAt}. */
    static WorkerSnapshot thread(String id, String group, Instant startedAt, long processed) {
        return new WorkerSnapshot(id, group, startedAt, processed, 0, 0, 0, -1, -1);
    }

    /** A process-mode worker: counters 0 (the parent does not see them), its own pid and RSS. */
    static WorkerSnapshot child(String id, String group, Instant startedAt, long pid, long rssBytes) {
        return new WorkerSnapshot(id, group, startedAt, 0, 0, 0, 0, pid, rssBytes);
    }

    static WorkerGroupSnapshot group(String name, long lag, Duration p50, Duration p99, WorkerSnapshot... members) {
        List<WorkerSnapshot> list = List.of(members);
        return new WorkerGroupSnapshot(name, Set.of(name.equals("pool") ? "a" : name), Concurrency.of(1),
                list.size(), list.stream().mapToLong(WorkerSnapshot::processed).sum(),
                list.stream().mapToLong(WorkerSnapshot::failed).sum(), lag, p50, p99, list);
    }

    static WorkerGroupSnapshot group(String name, WorkerSnapshot... members) {
        return group(name, 0, Duration.ZERO, Duration.ZERO, members);
    }

    static RuntimeSnapshot at(Instant at, long heapBytes, long rssBytes, WorkerGroupSnapshot... groups) {
        return new RuntimeSnapshot(at, List.of(groups), heapBytes, rssBytes);
    }

    static RuntimeSnapshot at(Instant at, WorkerGroupSnapshot... groups) {
        return at(at, 10 * MB, 100 * MB, groups);
    }
}
