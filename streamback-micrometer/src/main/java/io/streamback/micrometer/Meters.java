package io.streamback.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters and timers of one registry, each found once by name and tags and kept, so an event
 * costs a map look-up instead of a registration.
 */
final class Meters {
    private final MeterRegistry registry;
    private final Tags common;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    Meters(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
    }

    /** Adds one to counter {@code name} with the tags {@code keyValues} (key, value, key, value...). */
    void count(String name, String... keyValues) {
        counters.computeIfAbsent(key(name, keyValues), k -> Counter.builder(name).tags(common)
                .tags(keyValues).register(registry)).increment();
    }

    /** Records {@code took} in timer {@code name} with the tags {@code keyValues}. */
    void time(String name, Duration took, String... keyValues) {
        timers.computeIfAbsent(key(name, keyValues), k -> Timer.builder(name).tags(common)
                .tags(keyValues).register(registry)).record(took);
    }

    private static List<String> key(String name, String[] keyValues) {
        String[] key = Arrays.copyOf(keyValues, keyValues.length + 1);
        key[keyValues.length] = name;
        return Arrays.asList(key);
    }
}
