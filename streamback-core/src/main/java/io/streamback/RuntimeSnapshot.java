package io.streamback;

import java.time.Instant;
import java.util.List;

/**
 * The workers of a running instance at one moment, from {@link Streamback#snapshot()}.
 *
 * @param at when it was taken
 * @param groups every worker group
 * @param heapUsedBytes heap in use in this JVM
 * @param rssBytes resident memory of this process, or -1 where the OS does not say
 */
public record RuntimeSnapshot(Instant at, List<WorkerGroupSnapshot> groups, long heapUsedBytes, long rssBytes) {
}
