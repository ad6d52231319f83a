package io.streamback;

import java.time.Instant;

/**
 * One worker at one moment. In process mode a child's counters stay in the child: there
 * {@code processed}, {@code failed}, {@code expired} and {@code revocations} read 0, and {@code startedAt} is when
 * the child JVM was launched.
 *
 * @param id the worker's id, unique within the instance, e.g. {@code app-pool-3}
 * @param group the worker group it belongs to
 * @param startedAt when it started
 * @param processed records it handled (failed and expired ones included)
 * @param failed records at least one listener failed on, after retries
 * @param expired requests it did not run because their deadline had passed when it began them
 *     (see {@link SendOptions}); each was answered with a {@code DeadlineExceeded} error
 * @param revocations times partitions were taken away from it
 * @param pid the child process id in process mode, else -1
 * @param rssBytes the child's resident memory in process mode (from {@code /proc}, Linux), else -1
 */
public record WorkerSnapshot(String id, String group, Instant startedAt, long processed, long failed,
        long expired, long revocations, long pid, long rssBytes) {
}
