package io.streamback.internal.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.streamback.StreambackException;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting reads served by keyspace notifications: no command blocks. A read looks at its list
 * when it starts, whenever Redis notifies a push to that list, and, should a notification be lost
 * (pub/sub delivers at most once), on a sweep every {@link #SWEEP_INTERVAL}. Every key is served
 * on its own, so a slow, flooded or broken key delays nobody else.
 *
 * <p>An entry is removed only after it was handed to a reader: the oldest entries are peeked
 * ({@code LRANGE key -16 -1}), handed over one by one, and each is then removed with
 * {@code RPOP}, checked against what was handed over. A connection that dies in between loses
 * no entry: the next peek finds it again (the reader may then see it twice, never zero times).
 *
 * <p>The first read of a key this instance made, when no other read waits, waits in a
 * {@link LonePeek} instead, which answers as soon as the entry is there, without the notification
 * and the peek after it. Only the first: the peek's connection is not the one that removes entries,
 * so it could see an entry whose {@code RPOP} is still on its way.
 *
 * <p>Keys this instance made share a prefix and are covered by one pattern subscription; keys
 * from elsewhere ({@code continueStream}) get a channel subscription while they are waited for.
 * Confined to the {@link CommandLoop}'s thread, except {@link #notified} and {@link #subscribed}.
 */
final class NotifiedReads implements RedisClients.NotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotifiedReads.class);
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final int PEEK = 16;
    private static final int MAX_NOTIFIED_UNWAITED = 16_384;
    /** How long what was peeked of a key this instance made is kept once nobody reads the key. */
    static final Duration KEEP_PEEKED = Duration.ofMillis(10);

    private final CommandLoop loop;
    private final String channelPrefix;
    private final String ownKeyPrefix;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final Runnable onResubscribed;
    private final Supplier<@Nullable RedisClusterAsyncCommands<String, String>> commands;
    private final @Nullable LonePeek lone;
    /** Reads registered and not yet forgotten. */
    private int readsWaiting;
    private RedisClients.@Nullable Subscriber subscriber;
    private boolean sweeping;
    /** When notifications last started to flow (start or resubscription); set on Lettuce's thread. */
    private volatile long subscribedAt;
    /** Own keys notified while nobody waited for them, with when; the oldest are forgotten beyond a bound. */
    private final Map<String, Long> notifiedUnwaited = new LinkedHashMap<>(1_024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            if (size() <= MAX_NOTIFIED_UNWAITED) {
                return false;
            }
            forgottenNotifiedAt = eldest.getValue();
            forgotNotified = true;
            return true;
        }
    };
    private boolean forgotNotified;
    private long forgottenNotifiedAt;
    /** Own keys that went idle with entries peeked, oldest first; forgotten after {@link #KEEP_PEEKED}. */
    private final Deque<IdleKey> idleOwnKeys = new ArrayDeque<>();

    /**
     * @param commands the command connection, connected on the loop when needed; null when it cannot be
     * @param channelPrefix {@code __keyspace@<db>__:}
     * @param ownKeyPrefix the prefix of every key this instance made
     * @param onResubscribed run on the loop when the subscription was re-established (after a reconnect)
     * @param lone the blocking peek for a read that waits alone; null: none (on a cluster)
     */
    NotifiedReads(CommandLoop loop, Supplier<@Nullable RedisClusterAsyncCommands<String, String>> commands,
            String channelPrefix, String ownKeyPrefix, Runnable onResubscribed, @Nullable LonePeek lone) {
        this.loop = loop;
        this.commands = commands;
        this.lone = lone;
        this.channelPrefix = channelPrefix;
        this.ownKeyPrefix = ownKeyPrefix;
        this.onResubscribed = onResubscribed;
    }

    /** The pattern covering this instance's keys. */
    String pattern() {
        return channelPrefix + ownKeyPrefix + "*";
    }

    /** Starts serving with this subscription; on the loop. */
    void start(RedisClients.Subscriber subscriber) {
        this.subscribedAt = System.nanoTime();
        this.subscriber = subscriber;
        scheduleSweep();
    }

    /** The command connection was lost: what was peeked may or may not have been removed, so peek again. */
    void connectionLost() {
        keys.values().forEach(state -> state.peeked.clear());
    }

    /** Puts {@code entry} back as the oldest of {@code key}, in Redis and in what was peeked of it; on the loop. */
    void unpop(String key, String entry) {
        RedisClusterAsyncCommands<String, String> async = commands.get();
        if (async == null) {
            return;
        }
        async.rpush(key, entry);
        KeyState state = keys.get(key);
        if (state != null && !state.popping) {
            state.peeked.addFirst(entry);
            tryPop(state);
        } else if (state != null) {
            state.dirty = true;
        }
    }

    /**
     * Queues {@code waiter} for the next entry of {@code key}; on the loop. {@code madeAtNanos}
     * (0: unknown) is when this instance made the key, for its first read: when notifications
     * flowed since before then and none came for the key, its list is still empty (a push made
     * meanwhile is notified after this), so the read waits for the notification without a peek.
     */
    void pop(String key, CompletableFuture<Optional<String>> waiter, long madeAtNanos) {
        boolean known = keys.containsKey(key);
        KeyState state = keys.computeIfAbsent(key, KeyState::new);
        state.waiters.add(waiter);
        readsWaiting++;
        waiter.whenComplete((entry, error) -> loop.execute(() -> forget(state, waiter)));
        if (key.startsWith(ownKeyPrefix)) {
            boolean notifiedBefore = notifiedUnwaited.remove(key) != null;
            if (madeAtNanos != 0 && !known && readsWaiting == 1 && lone != null && lone.idle()) {
                lone.start(key, this::lonePeeked);
            } else if (known || notifiedBefore || madeAtNanos == 0 || !quietSince(madeAtNanos)) {
                tryPop(state);
            }
        } else if (state.subscribed) {
            tryPop(state);
        } else if (!state.subscribing) {
            state.subscribing = true;
            subscriber().subscribe(channelPrefix + key).whenCompleteAsync((ok, error) -> {
                state.subscribing = false;
                state.subscribed = error == null;
                tryPop(state);
            }, loop);
        }
    }

    /** Whether every notification since {@code nanos} reached this instance and none is forgotten. */
    private boolean quietSince(long nanos) {
        return subscribedAt != 0 && nanos - subscribedAt > 0 && (!forgotNotified || nanos - forgottenNotifiedAt > 0);
    }

    @Override
    public void notified(String channel, String event) {
        if (channel.startsWith(channelPrefix) && (event.endsWith("push") || event.equals("linsert"))) {
            String key = channel.substring(channelPrefix.length());
            long at = System.nanoTime();
            loop.execute(() -> {
                KeyState state = keys.get(key);
                if (state != null) {
                    tryPop(state);
                } else if (key.startsWith(ownKeyPrefix)) {
                    notifiedUnwaited.put(key, at);
                }
            });
        }
    }

    @Override
    public void subscribed() {
        subscribedAt = System.nanoTime();
        loop.execute(() -> {
            onResubscribed.run();
            keys.values().forEach(this::tryPop);
        });
    }

    private void tryPop(KeyState state) {
        if (!state.hasLiveWaiter()) {
            return;
        }
        if (state.popping) {
            state.dirty = true;
            return;
        }
        if (!state.peeked.isEmpty()) {
            handOverPeeked(state);
            return;
        }
        if (lone != null && lone.waitsFor(state.key)) {
            return; // its lone peek answers as soon as the list has an entry
        }
        RedisClusterAsyncCommands<String, String> async = commands.get();
        if (async == null) {
            return; // not connected: the sweep tries again
        }
        state.popping = true;
        state.dirty = false;
        state.lastPop = System.nanoTime();
        async.lrange(state.key, -PEEK, -1).whenCompleteAsync((oldestLast, error) -> peeked(state, oldestLast, error),
                loop);
    }

    private void peeked(KeyState state, @Nullable List<String> oldestLast, @Nullable Throwable error) {
        state.popping = false;
        if (error != null) {
            String message = RedisClients.rootMessage(error);
            if (message.startsWith("WRONGTYPE")) {
                failNotAList(state);
            } else {
                LOG.debug("event=feedback_peek_failed feedback_topic={} error={}", state.key, LogText.of(message));
                state.dirty = false; // the sweep tries again
            }
        } else if (oldestLast != null && !oldestLast.isEmpty()) {
            for (int i = oldestLast.size() - 1; i >= 0; i--) {
                state.peeked.add(oldestLast.get(i));
            }
            handOverPeeked(state);
        } else if (state.dirty) {
            tryPop(state);
        }
        cleanUp(state);
    }

    /** What the lone peek of {@code key} saw: its oldest entry, to hand over; null: none, so look the usual way. */
    private void lonePeeked(String key, @Nullable String entry) {
        KeyState state = keys.get(key);
        if (state == null) {
            return; // nobody reads it now: the entry is still in Redis for the next read
        }
        if (entry != null && !state.popping && state.peeked.isEmpty()) {
            state.peeked.add(entry);
            handOverPeeked(state);
        } else {
            tryPop(state);
        }
        cleanUp(state);
    }

    /** The key holds something else than a list: its readers fail, saying what it holds. */
    private void failNotAList(KeyState state) {
        RedisClusterAsyncCommands<String, String> async = commands.get();
        CompletableFuture<String> type = async == null ? CompletableFuture.completedFuture("value of another type")
                : async.type(state.key).toCompletableFuture();
        type.whenCompleteAsync((held, error) -> state.failAll(RedisClients.notAList(state.key,
                held == null ? "value of another type" : held)), loop);
    }

    /** Hands peeked entries to waiters, oldest first, removing each from Redis once it was taken. */
    private void handOverPeeked(KeyState state) {
        RedisClusterAsyncCommands<String, String> async = commands.get();
        if (async == null) {
            return;
        }
        while (!state.peeked.isEmpty() && state.hasLiveWaiter()) {
            String entry = state.peeked.poll();
            if (!state.deliver(entry)) {
                state.peeked.addFirst(entry);
                break;
            }
            async.rpop(state.key).whenCompleteAsync((removed, error) -> removed(state, entry, removed, error), loop);
        }
        if (state.peeked.isEmpty() && state.hasLiveWaiter()) {
            tryPop(state);
        }
    }

    /** The {@code RPOP} after a hand-over: it must have removed what was handed over, else peek afresh. */
    private void removed(KeyState state, String handedOver, @Nullable String removed, @Nullable Throwable error) {
        if (error != null || !handedOver.equals(removed)) {
            LOG.debug("event=feedback_peek_stale feedback_topic={} error={}", state.key,
                    error == null ? "another reader took an entry" : LogText.of(RedisClients.rootMessage(error)));
            if (removed != null && error == null) {
                RedisClusterAsyncCommands<String, String> async = commands.get();
                if (async != null) {
                    async.rpush(state.key, removed); // not ours to take: back where it was
                }
            }
            state.peeked.clear();
        }
    }

    private void forget(KeyState state, CompletableFuture<Optional<String>> waiter) {
        readsWaiting--;
        state.waiters.remove(waiter);
        cleanUp(state);
    }

    /**
     * Forgets a key nobody waits for. What was peeked of it is kept for the next read of a stream,
     * which usually follows at once: for {@link #KEEP_PEEKED} when this instance made the key, else
     * until a sweep finds the key idle (forgetting it ends its subscription). The entries stay in
     * Redis. An RPC leaves its end marker peeked; kept until the sweep, tens of thousands of those
     * filled the map and the heap at 64 requests in flight.
     */
    private void cleanUp(KeyState state) {
        if (nobodyReads(state)) {
            if (state.peeked.isEmpty()) {
                forgetKey(state);
            } else {
                long now = System.nanoTime();
                state.idleSince = now;
                if (state.key.startsWith(ownKeyPrefix)) {
                    idleOwnKeys.add(new IdleKey(state, now));
                    forgetIdleOwnKeys(now);
                }
            }
        }
    }

    /** Forgets the own keys that went idle more than {@link #KEEP_PEEKED} ago and stayed so. */
    private void forgetIdleOwnKeys(long now) {
        long keep = KEEP_PEEKED.toNanos();
        IdleKey oldest;
        while ((oldest = idleOwnKeys.peek()) != null && now - oldest.since() > keep) {
            idleOwnKeys.poll();
            KeyState state = oldest.state();
            if (state.idleSince == oldest.since() && nobodyReads(state)) {
                forgetKey(state);
            }
        }
    }

    /** Whether {@code state} is the key's current state and nobody waits for it or pops it. */
    private boolean nobodyReads(KeyState state) {
        return state.waiters.isEmpty() && !state.popping && keys.get(state.key) == state;
    }

    /** Keys waited for or with entries peeked, kept on the loop (for tests). */
    int keysKept() {
        return keys.size();
    }

    private void forgetKey(KeyState state) {
        keys.remove(state.key);
        if (state.subscribed) {
            subscriber().unsubscribe(channelPrefix + state.key);
        }
    }

    private void scheduleSweep() {
        if (!sweeping) {
            sweeping = true;
            loop.schedule(SWEEP_INTERVAL, this::sweep);
        }
    }

    private void sweep() {
        sweeping = false;
        long due = System.nanoTime() - SWEEP_INTERVAL.toNanos();
        List<KeyState> stale = new ArrayList<>();
        List<KeyState> idle = new ArrayList<>();
        for (KeyState state : keys.values()) {
            if (state.waiters.isEmpty() && !state.popping) {
                if (state.idleSince - due <= 0) {
                    idle.add(state);
                }
            } else if (state.lastPop - due <= 0) {
                stale.add(state);
            }
        }
        idle.forEach(this::forgetKey);
        forgetIdleOwnKeys(System.nanoTime());
        stale.forEach(this::tryPop);
        scheduleSweep();
    }

    private RedisClients.Subscriber subscriber() {
        if (subscriber == null) {
            throw new IllegalStateException("not started");
        }
        return subscriber;
    }

    /** Fails every waiting read with {@code error}; on the loop. */
    void failAll(Throwable error) {
        new ArrayList<>(keys.values()).forEach(state -> state.failAll(error));
    }

    /** A key that went idle {@code since}, unless it was read again after. */
    private record IdleKey(KeyState state, long since) {
    }

    /** The waiters of one key and whether a pop of it is on its way. */
    private static final class KeyState {
        final String key;
        final Deque<CompletableFuture<Optional<String>>> waiters = new ArrayDeque<>();
        /** The oldest entries of the list, oldest first, seen but not yet handed over. */
        final Deque<String> peeked = new ArrayDeque<>();
        boolean popping;
        boolean dirty;
        boolean subscribing;
        boolean subscribed;
        long lastPop = System.nanoTime();
        long idleSince = System.nanoTime();

        KeyState(String key) {
            this.key = key;
        }

        boolean hasLiveWaiter() {
            waiters.removeIf(CompletableFuture::isDone);
            return !waiters.isEmpty();
        }

        /** Hands {@code entry} to the oldest waiter still waiting; false when none is. */
        boolean deliver(String entry) {
            CompletableFuture<Optional<String>> waiter;
            while ((waiter = waiters.poll()) != null) {
                if (waiter.complete(Optional.of(entry))) {
                    return true;
                }
            }
            return false;
        }

        void failAll(Throwable error) {
            List<CompletableFuture<Optional<String>>> all = new ArrayList<>(waiters);
            waiters.clear();
            all.forEach(waiter -> waiter.completeExceptionally(error));
        }
    }
}
