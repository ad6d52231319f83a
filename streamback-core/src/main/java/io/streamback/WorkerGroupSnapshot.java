package io.streamback;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One worker group at one moment: the pool, or the workers of a topic with its own concurrency.
 *
 * @param name {@code pool}, or the topic the group serves
 * @param topics the topics it consumes, without prefix
 * @param concurrency how it is sized
 * @param workers how many workers run now
 * @param processed records handled by its current workers
 * @param failed records that failed after retries, by its current workers
 * @param lag records waiting, as last read by the autoscaler (-1 before the first read)
 * @param p50 median handling time of its recent records
 * @param p99 99th percentile handling time of its recent records
 * @param members its workers
 */
public record WorkerGroupSnapshot(String name, Set<String> topics, Concurrency concurrency, int workers,
        long processed, long failed, long lag, Duration p50, Duration p99, List<WorkerSnapshot> members) {
}
