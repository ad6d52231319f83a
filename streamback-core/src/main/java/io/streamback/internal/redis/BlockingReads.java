package io.streamback.internal.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback for servers without keyspace notifications: every pending pop is served by one
 * thread and one blocking connection, sitting in {@code BRPOP k1 k2 ... kn} over all keys someone
 * waits for and handing each popped entry to the oldest waiter of its key. The keys' order turns
 * every round, so no key is starved by busier ones. A new key interrupts the running BRPOP with
 * {@code CLIENT UNBLOCK} so it joins at once; the connection's client id is read again in every
 * round, so this keeps working after Lettuce reconnects. An entry whose waiter gave up in the
 * meantime is pushed back where it was. A key that is not a list fails its own readers only.
 */
final class BlockingReads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingReads.class);
    private static final long BLOCK_SECONDS = 1;
    private static final long RETRY_AFTER_ERROR_MS = 1_000;
    private static final int MAX_UNBLOCK_TRIES = 20;

    private final StatefulRedisConnection<String, String> blocking;
    private final Supplier<@Nullable RedisClusterAsyncCommands<String, String>> commands;
    private final CommandLoop loop;
    private final Thread thread;

    private final Map<String, Deque<CompletableFuture<Optional<String>>>> waiting = new LinkedHashMap<>();
    private Set<String> keysInBrpop = Set.of();
    private long blockingClientId = -1;
    private boolean unblockSent;
    private boolean unblockWanted;
    private int unblockTries;
    private long round;
    private boolean closed;

    /** Serves pops on {@code blocking}; {@code commands} (flushed by {@code loop}) sends unblocks and push-backs. */
    BlockingReads(StatefulRedisConnection<String, String> blocking,
            Supplier<@Nullable RedisClusterAsyncCommands<String, String>> commands, CommandLoop loop) {
        this.blocking = blocking;
        this.commands = commands;
        this.loop = loop;
        this.thread = new Thread(this::run, "streamback-feedback-brpop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code waiter} for the next entry of {@code key}; it completes empty after its own timeout. */
    void pop(String key, CompletableFuture<Optional<String>> waiter) {
        synchronized (this) {
            if (closed) {
                waiter.completeExceptionally(new IllegalStateException("the feedback stream is closed"));
                return;
            }
            waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).add(waiter);
            if (!keysInBrpop.isEmpty() && !keysInBrpop.contains(key)) {
                interruptBrpop();
            }
            notifyAll();
        }
        waiter.whenComplete((entry, error) -> forget(key, waiter));
    }

    private void interruptBrpop() {
        if (blockingClientId < 0) {
            unblockWanted = true; // the round's client id is not known yet: interrupt once it is
            return;
        }
        if (!unblockSent && unblockTries < MAX_UNBLOCK_TRIES) {
            unblockSent = true;
            unblockTries++;
            long target = round;
            long clientId = blockingClientId;
            loop.execute(() -> {
                RedisClusterAsyncCommands<String, String> async = commands.get();
                if (async != null) {
                    async.clientUnblock(clientId, UnblockType.TIMEOUT).whenCompleteAsync((unblocked, error) -> {
                        if (unblocked != null && unblocked == 0) {
                            retryInterrupt(target);
                        }
                    }, loop);
                }
            });
        }
    }

    /** The connection was not blocked yet: this round's BRPOP may still be on its way to Redis, so try again. */
    private synchronized void retryInterrupt(long target) {
        if (round == target && !keysInBrpop.isEmpty() && thread.isAlive()) {
            unblockSent = false;
            loop.schedule(Duration.ofMillis(unblockTries), this::interruptAgain);
        }
    }

    private synchronized void interruptAgain() {
        if (!keysInBrpop.isEmpty()) {
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
                RedisAsyncCommands<String, String> async = blocking.async();
                CompletableFuture<Long> clientId = async.clientId().toCompletableFuture();
                CompletableFuture<KeyValue<String, String>> brpop = async.brpop(BLOCK_SECONDS, keys).toCompletableFuture();
                roundStarted(clientId.get());
                KeyValue<String, String> popped = brpop.get();
                if (popped != null && popped.hasValue()) {
                    deliver(popped.getKey(), popped.getValue());
                }
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | RuntimeException e) {
                if (isClosed()) {
                    return;
                }
                String message = RedisClients.rootMessage(e);
                if (message.startsWith("WRONGTYPE")) {
                    failKeysThatAreNotLists(keys);
                } else {
                    LOG.warn("event=feedback_read_failed keys={} error={} retry_in_ms={}", keys.length, LogText.of(message),
                            RETRY_AFTER_ERROR_MS);
                    pause();
                }
            }
        }
    }

    private synchronized void roundStarted(long clientId) {
        blockingClientId = clientId;
        if (unblockWanted) {
            unblockWanted = false;
            interruptBrpop();
        }
    }

    /** One BRPOP failed with WRONGTYPE: fail the readers of the keys that hold something else, keep the others. */
    private void failKeysThatAreNotLists(String[] keys) {
        RedisAsyncCommands<String, String> async = blocking.async();
        List<CompletableFuture<String>> types = new ArrayList<>();
        for (String key : keys) {
            types.add(async.type(key).toCompletableFuture());
        }
        for (int i = 0; i < keys.length; i++) {
            String type = types.get(i).exceptionally(error -> "unknown").join();
            if (!"list".equals(type) && !"none".equals(type)) {
                failKey(keys[i], RedisClients.notAList(keys[i], type));
            }
        }
    }

    private void failKey(String key, Throwable error) {
        List<CompletableFuture<Optional<String>>> failed;
        synchronized (this) {
            Deque<CompletableFuture<Optional<String>>> waiters = waiting.remove(key);
            failed = waiters == null ? List.of() : new ArrayList<>(waiters);
        }
        failed.forEach(waiter -> waiter.completeExceptionally(error));
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
        int turn = (int) (round % keys.length);
        String[] turned = new String[keys.length];
        System.arraycopy(keys, turn, turned, 0, keys.length - turn);
        System.arraycopy(keys, 0, turned, keys.length - turn, turn);
        keysInBrpop = Set.of(turned);
        round++;
        unblockSent = false;
        unblockTries = 0;
        unblockWanted = false;
        blockingClientId = -1;
        return turned;
    }

    private void deliver(String key, String entry) {
        while (true) {
            CompletableFuture<Optional<String>> waiter = oldestWaiter(key);
            if (waiter == null) {
                loop.execute(() -> { // nobody waits any more: back at the reading end
                    RedisClusterAsyncCommands<String, String> async = commands.get();
                    if (async != null) {
                        async.rpush(key, entry);
                    }
                });
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
        blocking.close(); // ends the running BRPOP at once
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
