package io.streamback;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many workers serve a listener's topic, fixed or scaled by consumer lag. A listener without
 * one joins the shared pool workers. Groups are capped at {@link #MAX_WORKERS}.
 */
public final class Concurrency implements ListenOption {
    /** The most workers one group may have; larger settings are capped with a warning. */
    public static final int MAX_WORKERS = 50;
    /** Lag that adds one worker in a {@link #range(int, int)}: 1,000 messages, as in Python streamback. */
    public static final long LAG_PER_WORKER = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Concurrency.class);

    private final int min;
    private final int max;
    private final NavigableMap<Long, Integer> table;

    private Concurrency(int min, int max, NavigableMap<Long, Integer> table) {
        this.min = min;
        this.max = max;
        this.table = table;
    }

    /** Exactly {@code workers} dedicated workers. */
    public static Concurrency of(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("Concurrency.of needs at least 1 worker, got " + workers);
        }
        int capped = cap(workers);
        return new Concurrency(capped, capped, new TreeMap<>());
    }

    /** Python's {@code [min, max]}: {@code min} workers, one more per {@link #LAG_PER_WORKER} of lag, up to {@code max}. */
    public static Concurrency range(int min, int max) {
        if (min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("Concurrency.range needs 0 <= min <= max and max >= 1, got ["
                    + min + ", " + max + "]");
        }
        return new Concurrency(cap(min), cap(max), new TreeMap<>());
    }

    /**
     * Python's {@code [[lag_threshold, workers], ...]}: the workers of the first entry whose threshold
     * is at or above the current lag, else of the last entry. 0 workers is allowed (the lag is still watched).
     */
    public static Concurrency scaling(Map<Long, Integer> lagToWorkers) {
        Objects.requireNonNull(lagToWorkers, "lagToWorkers");
        if (lagToWorkers.isEmpty()) {
            throw new IllegalArgumentException("Concurrency.scaling needs at least one [lag, workers] entry");
        }
        TreeMap<Long, Integer> table = new TreeMap<>();
        lagToWorkers.forEach((lag, workers) -> {
            if (lag == null || workers == null) {
                throw new IllegalArgumentException("Concurrency.scaling entries must not be null, got ["
                        + lag + ", " + workers + "]");
            }
            if (lag < 0 || workers < 0) {
                throw new IllegalArgumentException("Concurrency.scaling entries must not be negative, got ["
                        + lag + ", " + workers + "]");
            }
            table.put(lag, cap(workers));
        });
        int min = table.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = table.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (max == 0) {
            throw new IllegalArgumentException("Concurrency.scaling needs at least one entry with workers");
        }
        return new Concurrency(min, max, table);
    }

    private static int cap(int workers) {
        if (workers > MAX_WORKERS) {
            LOG.warn("event=concurrency_capped asked={} max={}", workers, MAX_WORKERS);
            return MAX_WORKERS;
        }
        return workers;
    }

    /** The number of workers for {@code lag} messages waiting. */
    public int workersFor(long lag) {
        if (!table.isEmpty()) {
            Map.Entry<Long, Integer> entry = table.ceilingEntry(Math.max(0, lag));
            return entry != null ? entry.getValue() : table.lastEntry().getValue();
        }
        long extra = Math.max(0, lag) / LAG_PER_WORKER;
        return (int) Math.min(max, min + extra);
    }

    /** The fewest workers this setting can ask for. */
    public int min() {
        return min;
    }

    /** The most workers this setting can ask for. */
    public int max() {
        return max;
    }

    /** Whether the number of workers depends on lag. */
    public boolean scales() {
        return min != max;
    }

    @Override
    public String toString() {
        if (!table.isEmpty()) {
            return "Concurrency.scaling(" + table + ")";
        }
        return scales() ? "Concurrency.range(" + min + ", " + max + ")" : "Concurrency.of(" + min + ")";
    }
}
