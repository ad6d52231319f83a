package io.streamback.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every pending pop with one thread and one blocking connection: the thread sits in
 * {@code BRPOP k1 k2 ... kn} over all keys someone waits for and hands each popped entry to the
 * oldest waiter of its key. A new key interrupts the running BRPOP with {@code CLIENT UNBLOCK} so
 * it joins at once. An entry whose waiter gave up in the meantime is pushed back where it was.
 */
final class FeedbackDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDispatcher.class);
    private static final double BLOCK_SECONDS = 2.0;
    private static final long RETRY_AFTER_ERROR_MS = 1_000;

    private final StatefulRedisConnection<String, String> blocking;
    private final RedisAsyncCommands<String, String> commands;
    private final long blockingClientId;
    private final Thread thread;

    private final Map<String, Deque<CompletableFuture<Optional<String>>>> waiting = new HashMap<>();
    private Set<String> keysInBrpop = Set.of();
    private boolean unblockSent;
    private long round;
    private boolean closed;

    FeedbackDispatcher(StatefulRedisConnection<String, String> blocking, RedisAsyncCommands<String, String> commands) {
        this.blocking = blocking;
        this.commands = commands;
        this.blockingClientId = blocking.sync().clientId();
        this.thread = new Thread(this::run, "streamback-feedback-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
        CompletableFuture<Optional<String>> waiter = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                waiter.completeExceptionally(new IllegalStateException("the feedback stream is closed"));
                return waiter;
            }
            waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).add(waiter);
            if (!keysInBrpop.isEmpty() && !keysInBrpop.contains(key)) {
                interruptBrpop();
            }
            notifyAll();
        }
        waiter.completeOnTimeout(Optional.empty(), timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((entry, error) -> forget(key, waiter));
        return waiter;
    }

    private void interruptBrpop() {
        if (!unblockSent) {
            unblockSent = true;
            long target = round;
            commands.clientUnblock(blockingClientId, UnblockType.TIMEOUT).thenAccept(unblocked -> {
                if (unblocked != null && unblocked == 0) {
                    retryInterrupt(target);
                }
            });
        }
    }

    /** The connection was not blocked yet: this round's BRPOP may still be on its way to Redis, so try again. */
    private synchronized void retryInterrupt(long target) {
        if (round == target && !keysInBrpop.isEmpty() && thread.isAlive()) {
            unblockSent = false;
            interruptBrpop();
        }
    }

    private synchronized void forget(String key, CompletableFuture<Optional<String>> waiter) {
        Deque<CompletableFuture<Optional<String>>> waiters = waiting.get(key);
        if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
            waiting.remove(key);
        }
    }

    private void run() {
        while (true) {
            String[] keys = nextKeys();
            if (keys == null) {
                return;
            }
            try {
                KeyValue<String, String> popped = blocking.sync().brpop(BLOCK_SECONDS, keys);
                if (popped != null && popped.hasValue()) {
                    deliver(popped.getKey(), popped.getValue());
                }
            } catch (RedisException e) {
                if (isClosed()) {
                    return;
                }
                LOG.warn("event=feedback_read_failed keys={} error={} retry_in_ms={}", keys.length, e.toString(),
                        RETRY_AFTER_ERROR_MS);
                pause();
            }
        }
    }

    private synchronized String @Nullable [] nextKeys() {
        keysInBrpop = Set.of();
        while (waiting.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                return null;
            }
        }
        if (closed) {
            return null;
        }
        String[] keys = waiting.keySet().toArray(String[]::new);
        keysInBrpop = Set.of(keys);
        round++;
        unblockSent = false;
        return keys;
    }

    private void deliver(String key, String entry) {
        while (true) {
            CompletableFuture<Optional<String>> waiter = oldestWaiter(key);
            if (waiter == null) {
                commands.rpush(key, entry); // nobody waits any more: put it back at the reading end
                return;
            }
            if (waiter.complete(Optional.of(entry))) {
                return;
            }
        }
    }

    private synchronized @Nullable CompletableFuture<Optional<String>> oldestWaiter(String key) {
        Deque<CompletableFuture<Optional<String>>> waiters = waiting.get(key);
        if (waiters == null) {
            return null;
        }
        CompletableFuture<Optional<String>> waiter = waiters.poll();
        if (waiters.isEmpty()) {
            waiting.remove(key);
        }
        return waiter;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void pause() {
        keysInBrpop = Set.of();
        try {
            wait(RETRY_AFTER_ERROR_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Optional<String>>> abandoned;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!keysInBrpop.isEmpty()) {
                interruptBrpop();
            }
            abandoned = waiting.values().stream().flatMap(Deque::stream).toList();
            waiting.clear();
            notifyAll();
        }
        abandoned.forEach(w -> w.completeExceptionally(new IllegalStateException("the feedback stream is closed")));
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        blocking.close();
    }
}
