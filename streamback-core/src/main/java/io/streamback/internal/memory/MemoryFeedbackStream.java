package io.streamback.internal.memory;

import io.streamback.internal.spi.FeedbackStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Feedback lists held in memory. Entries do not expire (claims do); pending pops wait on futures, not threads.
 */
public final class MemoryFeedbackStream implements FeedbackStream {
    private static final Map<String, MemoryFeedbackStream> NAMED = new ConcurrentHashMap<>();

    private final Map<String, Deque<String>> lists = new HashMap<>();
    private final Map<String, Deque<CompletableFuture<Optional<String>>>> waiting = new HashMap<>();
    private final Map<String, Long> claims = new HashMap<>();

    /** The stream shared by every {@code memory://name} in this JVM. */
    public static MemoryFeedbackStream named(String name) {
        return NAMED.computeIfAbsent(name, n -> new MemoryFeedbackStream());
    }

    @Override
    public synchronized CompletableFuture<Void> push(String key, String entry, Duration ttl) {
        Deque<CompletableFuture<Optional<String>>> readers = waiting.getOrDefault(key, new ArrayDeque<>());
        while (!readers.isEmpty()) {
            if (readers.poll().complete(Optional.of(entry))) {
                return CompletableFuture.completedFuture(null);
            }
        }
        lists.computeIfAbsent(key, k -> new ArrayDeque<>()).add(entry);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void unpop(String key, String entry) {
        Deque<CompletableFuture<Optional<String>>> readers = waiting.getOrDefault(key, new ArrayDeque<>());
        while (!readers.isEmpty()) {
            if (readers.poll().complete(Optional.of(entry))) {
                return;
            }
        }
        lists.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(entry);
    }

    @Override
    public synchronized CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
        Deque<String> list = lists.get(key);
        if (list != null && !list.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.of(list.poll()));
        }
        CompletableFuture<Optional<String>> reader = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).add(reader);
        reader.completeOnTimeout(Optional.empty(), timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((entry, error) -> forget(key, reader));
        return reader;
    }

    private synchronized void forget(String key, CompletableFuture<Optional<String>> reader) {
        Deque<CompletableFuture<Optional<String>>> readers = waiting.get(key);
        if (readers != null) {
            readers.remove(reader);
            if (readers.isEmpty()) {
                waiting.remove(key);
            }
        }
    }

    /** Set-if-absent with expiry, as Redis {@code SET NX PX} does; expired claims are dropped here. */
    @Override
    public synchronized CompletableFuture<Boolean> claim(String key, Duration ttl) {
        long now = System.nanoTime();
        claims.values().removeIf(deadline -> deadline - now <= 0);
        boolean claimed = claims.putIfAbsent(key, now + Math.max(1, ttl.toNanos())) == null;
        return CompletableFuture.completedFuture(claimed);
    }

    @Override
    public void close() {
        // shared by name for the life of the JVM
    }
}
