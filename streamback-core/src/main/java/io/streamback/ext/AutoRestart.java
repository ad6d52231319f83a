package io.streamback.ext;

import io.streamback.Callback;
import io.streamback.RuntimeSnapshot;
import io.streamback.Streamback;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.WorkerSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recycles workers that are too old or use too much memory, as Python streamback's
 * {@code AutoRestart(max_seconds, max_memory_mb)} restarted its child processes. To recycle a
 * worker is {@link Streamback#recycleWorker(String, String)}: the old worker finishes the record in
 * hand, calls {@code flush()} on its listeners, commits and leaves; a new worker with new listener
 * instances and a new consumer takes its place.
 *
 * <pre>{@code
 * streamback.addCallback(new AutoRestart(Duration.ofHours(1), 512));
 * }</pre>
 *
 * <p>Every {@code checkInterval} (on the first rescale tick at least that long after the previous
 * check, so never more often than the rescale interval), it reads {@link Streamback#snapshot()} and:
 *
 * <ul>
 *   <li><b>Age</b>: recycles every worker that started {@code maxAge} or longer ago (reason
 *       {@code max_age}). Workers started together reach the age together and are recycled in the
 *       same check. Each recycle costs the group a rebalance, which takes seconds on Kafka: choose
 *       an age in minutes or hours, not seconds.
 *   <li><b>Memory, process mode</b>: recycles every worker process whose own resident set size
 *       (RSS, read from {@code /proc/<pid>/status}) exceeds {@code maxMemoryMb} (reason
 *       {@code max_memory}); the other workers are left alone, and the supervising JVM's own
 *       memory is not checked.
 *   <li><b>Memory, thread mode</b>: the workers share one heap, and the memory of one JVM cannot be
 *       attributed to one of its threads. So it measures the RSS of this whole JVM process (heap,
 *       metaspace, thread stacks, direct buffers, the JIT's code cache, ...) and, when that exceeds
 *       {@code maxMemoryMb}, recycles the <em>oldest</em> worker only, one per check (reason
 *       {@code max_memory}, not again if the age check already recycles it): the listener instances
 *       and whatever state they hold become garbage gradually, and consumers rejoin one at a time.
 *       This does not promise that memory goes down: the JVM rarely returns heap to the OS after a
 *       garbage collection, so RSS often stays where it was and a worker is recycled at every check
 *       while it does. Set the limit above {@code -Xmx} plus the JVM's own overhead so it only
 *       catches leaks outside the heap, or use process mode, where each worker's RSS is its own.
 *       Each such recycle is logged with this explanation.
 * </ul>
 *
 * <p>Where the OS does not report RSS (not Linux), memory is not checked, and a warning says so once.
 */
public final class AutoRestart implements Callback {
    /** Default time between two checks: 10 seconds. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AutoRestart.class);
    private static final long MEGABYTE = 1024L * 1024L;
    private static final String SHARED_HEAP_NOTE = "\"worker threads share one JVM, whose memory cannot be"
            + " attributed to a thread: recycling the oldest worker releases its listener instances and consumer,"
            + " but RSS rarely shrinks after garbage collection\"";

    private final @Nullable Duration maxAge;
    private final long maxMemoryMb;
    private final Duration checkInterval;
    private final Duration slack;
    private final Clock clock;
    private @Nullable Instant lastCheck;
    private boolean warnedUnknownRss;

    /**
     * Checks every {@link #DEFAULT_CHECK_INTERVAL}.
     *
     * @see #AutoRestart(Duration, long, Duration)
     */
    public AutoRestart(@Nullable Duration maxAge, long maxMemoryMb) {
        this(maxAge, maxMemoryMb, DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Recycles workers older than {@code maxAge} or above {@code maxMemoryMb} of resident memory.
     *
     * @param maxAge the age at which a worker is recycled; null or zero turns the age check off
     * @param maxMemoryMb the resident memory in megabytes above which a worker is recycled (see the
     *     class description for what is measured in each mode); 0 turns the memory check off
     * @param checkInterval how often to check
     * @throws IllegalArgumentException when a value is negative, {@code checkInterval} is not
     *     positive, or both checks are off
     */
    public AutoRestart(@Nullable Duration maxAge, long maxMemoryMb, Duration checkInterval) {
        this(maxAge, maxMemoryMb, checkInterval, Clock.systemUTC());
    }

    AutoRestart(@Nullable Duration maxAge, long maxMemoryMb, Duration checkInterval, Clock clock) {
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("AutoRestart maxAge must not be negative, got " + maxAge
                    + ": give null or Duration.ZERO to turn the age check off");
        }
        if (maxMemoryMb < 0) {
            throw new IllegalArgumentException("AutoRestart maxMemoryMb must not be negative, got " + maxMemoryMb
                    + ": give 0 to turn the memory check off");
        }
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("AutoRestart checkInterval must be positive, got " + checkInterval);
        }
        this.maxAge = maxAge == null || maxAge.isZero() ? null : maxAge;
        if (this.maxAge == null && maxMemoryMb == 0) {
            throw new IllegalArgumentException("AutoRestart needs a maxAge or a maxMemoryMb: with both off it would"
                    + " never recycle a worker (leave the callback out instead)");
        }
        this.maxMemoryMb = maxMemoryMb;
        this.checkInterval = checkInterval;
        this.slack = checkInterval.dividedBy(20);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks the workers when {@code checkInterval} has passed since the previous check, and recycles. */
    @Override
    public void onTick(Streamback streamback) {
        List<Recycle> recycles;
        synchronized (this) {
            Instant now = clock.instant();
            Instant previous = lastCheck;
            if (previous != null && Duration.between(previous, now).plus(slack).compareTo(checkInterval) < 0) {
                return;
            }
            lastCheck = now;
            recycles = decide(streamback.snapshot(), now);
        }
        for (Recycle recycle : recycles) {
            boolean done = streamback.recycleWorker(recycle.workerId(), recycle.reason());
            if (recycle.sharedHeap()) {
                LOG.warn("event=auto_restart worker={} group={} reason={} {} recycled={} note={}", recycle.workerId(),
                        recycle.group(), recycle.reason(), recycle.detail(), done, SHARED_HEAP_NOTE);
            } else {
                LOG.info("event=auto_restart worker={} group={} reason={} {} recycled={}", recycle.workerId(),
                        recycle.group(), recycle.reason(), recycle.detail(), done);
            }
        }
    }

    /** The workers to recycle in {@code snapshot} at {@code now}: by age first, then by memory. */
    synchronized List<Recycle> decide(RuntimeSnapshot snapshot, Instant now) {
        List<WorkerSnapshot> workers = snapshot.groups().stream().map(WorkerGroupSnapshot::members)
                .flatMap(List::stream).toList();
        List<Recycle> recycles = new ArrayList<>();
        if (maxAge != null) {
            for (WorkerSnapshot worker : workers) {
                Duration age = Duration.between(worker.startedAt(), now);
                if (age.compareTo(maxAge) >= 0) {
                    recycles.add(new Recycle(worker.id(), worker.group(), "max_age",
                            "age_s=" + Units.seconds(age) + " max_age_s=" + Units.seconds(maxAge), false));
                }
            }
        }
        if (maxMemoryMb > 0) {
            long limit = maxMemoryMb * MEGABYTE;
            for (WorkerSnapshot child : workers.stream().filter(worker -> worker.pid() > 0).toList()) {
                if (child.rssBytes() < 0) {
                    warnUnknownRss("worker process " + child.id());
                } else if (child.rssBytes() > limit && !chosen(recycles, child)) {
                    recycles.add(new Recycle(child.id(), child.group(), "max_memory", "scope=process pid="
                            + child.pid() + " rss_mb=" + Units.mb(child.rssBytes()) + " limit_mb=" + maxMemoryMb,
                            false));
                }
            }
            Optional<WorkerSnapshot> oldestThread = workers.stream().filter(worker -> worker.pid() <= 0)
                    .min(Comparator.comparing(WorkerSnapshot::startedAt));
            if (oldestThread.isPresent()) {
                if (snapshot.rssBytes() < 0) {
                    warnUnknownRss("this JVM");
                } else if (snapshot.rssBytes() > limit && !chosen(recycles, oldestThread.get())) {
                    WorkerSnapshot oldest = oldestThread.get();
                    recycles.add(new Recycle(oldest.id(), oldest.group(), "max_memory", "scope=jvm rss_mb="
                            + Units.mb(snapshot.rssBytes()) + " heap_used_mb=" + Units.mb(snapshot.heapUsedBytes())
                            + " limit_mb=" + maxMemoryMb + " action=recycle_oldest", true));
                }
            }
        }
        return recycles;
    }

    private static boolean chosen(List<Recycle> recycles, WorkerSnapshot worker) {
        return recycles.stream().anyMatch(recycle -> recycle.workerId().equals(worker.id()));
    }

    private void warnUnknownRss(String of) {
        if (!warnedUnknownRss) {
            warnedUnknownRss = true;
            LOG.warn("event=auto_restart_memory_unchecked of=\"{}\" reason=\"the OS does not report resident memory"
                    + " (read from /proc on Linux)\" max_memory_mb={}", of, maxMemoryMb);
        }
    }

    @Override
    public String toString() {
        return "AutoRestart{maxAge=" + maxAge + ", maxMemoryMb=" + maxMemoryMb + ", checkInterval=" + checkInterval
                + "}";
    }

    /**
     * One decision: recycle {@code workerId} for {@code reason}; {@code detail} holds the measured
     * figures as key=value fields; {@code sharedHeap} when it was the whole JVM's memory (thread mode).
     */
    record Recycle(String workerId, String group, String reason, String detail, boolean sharedHeap) {
    }
}
