package io.streamback.ext;

import io.streamback.Callback;
import io.streamback.Streamback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every {@code interval} what the workers did: per worker group its workers, records
 * processed and failed, rate, handling time p50/p99 and lag; the heap used and resident memory of
 * this process; in process mode each worker process's resident memory. The default
 * {@link #onStats(Stats)} logs one line per group; override it to send the figures elsewhere. A
 * report is a {@link Stats} of {@link GroupStats} and {@link ChildStats}, nested here so a subclass
 * names them without imports.
 *
 * <pre>{@code
 * streamback.addCallback(new ListenerStats(Duration.ofSeconds(10)));
 *
 * class MyStats extends ListenerStats {
 *     MyStats() { super(Duration.ofSeconds(10)); }
 *     @Override public void onStats(Stats stats) { metrics.record(stats); }
 * }
 * }</pre>
 *
 * <p>Reports are taken on {@link Callback#onTick}, so they come on the first rescale tick at least
 * {@code interval} after the previous report. The first tick only records where the counters
 * stand: the first report comes one interval later. In process mode the counters live in the child
 * JVMs and are not visible to the parent: processed, failed, rate, p50 and p99 are reported as 0,
 * while workers, lag and memory are real. Register an instance with one {@link Streamback} only.
 */
public class ListenerStats implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerStats.class);

    private final Duration interval;
    private final Duration slack;
    private final Clock clock;
    private final StatsTracker tracker = new StatsTracker();
    private @Nullable Instant lastReport;

    /**
     * Reports every {@code interval}.
     *
     * @throws IllegalArgumentException when {@code interval} is not positive
     */
    public ListenerStats(Duration interval) {
        this(interval, Clock.systemUTC());
    }

    ListenerStats(Duration interval, Clock clock) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ListenerStats interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.slack = interval.dividedBy(20);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes a report when {@code interval} has passed since the previous one, and hands it to {@link #onStats}. */
    @Override
    public final void onTick(Streamback streamback) {
        Stats stats;
        synchronized (this) {
            Instant now = clock.instant();
            Instant previous = lastReport;
            if (previous != null && Duration.between(previous, now).plus(slack).compareTo(interval) < 0) {
                return;
            }
            lastReport = now;
            stats = tracker.next(streamback.name(), streamback.snapshot());
            if (previous == null) {
                return;
            }
        }
        onStats(stats);
    }

    /**
     * Receives each report, on the autoscaler's thread: keep it short. By default logs one line per
     * group at INFO, e.g. {@code event=listener_stats app=shop group=pool workers=2 processed=120
     * failed=0 rate_per_s=12.0 p50_ms=1.20 p99_ms=8.00 lag=0 heap_mb=51.3 rss_mb=210.4}, with
     * {@code children_rss_mb=<worker>:<mb>,...} added in process mode; a line with {@code groups=0}
     * when nothing listens.
     */
    public void onStats(Stats stats) {
        if (stats.groups().isEmpty()) {
            LOG.info("event=listener_stats app={} groups=0 heap_mb={} rss_mb={}", stats.app(),
                    Units.mb(stats.heapUsedBytes()), Units.mb(stats.rssBytes()));
        }
        if (LOG.isInfoEnabled()) {
            for (GroupStats group : stats.groups()) {
                LOG.info(line(stats, group));
            }
        }
    }

    /** The default log line of {@code group}. */
    static String line(Stats stats, GroupStats group) {
        StringBuilder line = new StringBuilder("event=listener_stats")
                .append(" app=").append(stats.app())
                .append(" group=").append(group.name())
                .append(" workers=").append(group.workers())
                .append(" processed=").append(group.processed())
                .append(" failed=").append(group.failed())
                .append(" rate_per_s=").append(Units.oneDecimal(group.ratePerSecond()))
                .append(" p50_ms=").append(Units.ms(group.p50()))
                .append(" p99_ms=").append(Units.ms(group.p99()))
                .append(" lag=").append(group.lag())
                .append(" heap_mb=").append(Units.mb(stats.heapUsedBytes()))
                .append(" rss_mb=").append(Units.mb(stats.rssBytes()));
        String children = stats.children().stream().filter(child -> child.group().equals(group.name()))
                .map(child -> child.workerId() + ":" + Units.mb(child.rssBytes()))
                .collect(Collectors.joining(","));
        if (!children.isEmpty()) {
            line.append(" children_rss_mb=").append(children);
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{interval=" + interval + "}";
    }

    /**
     * One report of {@link ListenerStats}: every worker group, and the memory of this process and of
     * its worker processes.
     *
     * @param app the application's name
     * @param at when the figures were taken
     * @param period the time since the previous report, over which the rates are computed
     * @param groups every worker group, in the order the runtime plans them
     * @param heapUsedBytes heap in use in this JVM
     * @param rssBytes resident memory of this process, or -1 where the OS does not say
     * @param children the worker processes in process mode, each with its resident memory; empty in thread mode
     */
    public record Stats(String app, Instant at, Duration period, List<GroupStats> groups, long heapUsedBytes,
            long rssBytes, List<ChildStats> children) {
        /** Copies the lists, so a report never changes. */
        public Stats {
            groups = List.copyOf(groups);
            children = List.copyOf(children);
        }
    }

    /**
     * One worker group in a {@link Stats} report. In process mode the counters live in the child JVMs
     * and the parent does not see them: {@code processed}, {@code failed}, {@code ratePerSecond},
     * {@code p50} and {@code p99} are 0 there, while {@code workers} and {@code lag} are reported.
     *
     * @param name {@code pool}, or the topic the group serves
     * @param topics the topics it consumes, without prefix
     * @param workers how many workers run now
     * @param processed records handled by its current workers (a retired worker's count leaves with it)
     * @param failed records that failed after retries, by its current workers
     * @param ratePerSecond records handled per second since the previous report, summed from each
     *     worker's own progress, so never negative when workers are replaced
     * @param p50 median handling time of its recent records
     * @param p99 99th percentile handling time of its recent records
     * @param lag records waiting, as last read by the autoscaler (-1 before the first read)
     */
    public record GroupStats(String name, Set<String> topics, int workers, long processed, long failed,
            double ratePerSecond, Duration p50, Duration p99, long lag) {
        /** Copies the topics, so a report never changes. */
        public GroupStats {
            topics = Set.copyOf(topics);
        }
    }

    /**
     * One worker process (process mode) in a {@link Stats} report.
     *
     * @param workerId the worker's id, e.g. {@code app-pool-3}
     * @param group the worker group it belongs to
     * @param pid its process id
     * @param rssBytes its resident memory, or -1 where the OS does not say
     */
    public record ChildStats(String workerId, String group, long pid, long rssBytes) {
    }
}
