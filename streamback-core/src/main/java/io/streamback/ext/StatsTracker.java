package io.streamback.ext;

import io.streamback.RuntimeSnapshot;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.WorkerSnapshot;
import io.streamback.ext.ListenerStats.ChildStats;
import io.streamback.ext.ListenerStats.GroupStats;
import io.streamback.ext.ListenerStats.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns successive snapshots into {@link Stats}. A group's counters are sums over its live workers,
 * so they drop when a worker is retired; the rate is therefore summed from each worker's own
 * progress, keyed by worker id: a worker seen before counts what it did since, a new one counts all
 * it did (it started after the previous snapshot), a retired one counts nothing more.
 */
final class StatsTracker {
    private Map<String, Long> previous = Map.of();
    private @Nullable Instant previousAt;

    /** The report for {@code snapshot}, with rates since the previous call (0 on the first). */
    Stats next(String app, RuntimeSnapshot snapshot) {
        Instant before = previousAt;
        Duration period = before == null || snapshot.at().isBefore(before)
                ? Duration.ZERO : Duration.between(before, snapshot.at());
        double seconds = period.toNanos() / 1e9;
        Map<String, Long> current = new HashMap<>();
        List<GroupStats> groups = new ArrayList<>();
        List<ChildStats> children = new ArrayList<>();
        for (WorkerGroupSnapshot group : snapshot.groups()) {
            long handled = 0;
            for (WorkerSnapshot worker : group.members()) {
                current.put(worker.id(), worker.processed());
                long baseline = previous.getOrDefault(worker.id(), before == null ? worker.processed() : 0L);
                handled += Math.max(0, worker.processed() - baseline);
                if (worker.pid() > 0) {
                    children.add(new ChildStats(worker.id(), worker.group(), worker.pid(), worker.rssBytes()));
                }
            }
            double rate = seconds > 0 ? handled / seconds : 0;
            groups.add(new GroupStats(group.name(), group.topics(), group.workers(), group.processed(),
                    group.failed(), rate, group.p50(), group.p99(), group.lag()));
        }
        previous = current;
        previousAt = snapshot.at();
        return new Stats(app, snapshot.at(), period, groups, snapshot.heapUsedBytes(), snapshot.rssBytes(),
                children);
    }
}
