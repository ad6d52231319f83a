package io.streamback.internal.redis;

import io.streamback.FeedbackUnavailableException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.streamback.StreambackException;
import io.streamback.internal.spi.FeedbackRejectedException;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback stream on Redis, as Python streamback uses it: a reply is {@code LPUSH key json}
 * then {@code EXPIRE key ttl}; a read pops the oldest entry.
 *
 * <p>Everything runs on the stream's own thread ({@link CommandLoop}): it connects (callers never
 * wait for that), writes the commands of many callers in one flush, and retries a write that
 * failed until the write timeout has passed. Waiting reads are served by keyspace notifications
 * ({@link NotifiedReads}) where the server has them or lets this stream turn them on, else by one
 * {@code BRPOP} over every waited key ({@link BlockingReads}). Three connections at most serve any
 * number of reads and writes: commands, notifications, and (in the fallback) the blocking one.
 */
public final class RedisFeedbackStream implements FeedbackStream {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFeedbackStream.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);
    private static final long FIRST_RETRY_MS = 50;
    private static final long MAX_RETRY_MS = 1_000;
    private static final long WAIT_MS = 100;

    private final RedisSettings settings;
    private final Duration writeTimeout;
    private final RedisClients clients;
    private final CommandLoop loop;
    private final String keyPrefix;
    private final int replicas;

    // confined to the loop's thread
    private @Nullable StatefulConnection<String, String> connection;
    private @Nullable RedisClusterAsyncCommands<String, String> commands;
    private @Nullable NotifiedReads notified;
    private @Nullable LonePeek lonePeek;
    private @Nullable BlockingReads blocking;
    private RedisClients.@Nullable Subscriber subscriber;
    private @Nullable StreambackException connectFailure;
    private long connectFailedAt;
    private long nextSeq;
    /** Writes that failed and are retried, and writes held behind them, in push order. */
    private final TreeSet<Push> retries = new TreeSet<>(Comparator.comparingLong(push -> push.seq));
    private @Nullable Push attempting;
    private @Nullable CompletableFuture<Long> batchReplicated;
    /** The writes of the loop's current batch, per key in push order, sent just before its flush. */
    private final Map<String, List<Push>> unsent = new LinkedHashMap<>();
    /** The writes sent on the command connection and not answered yet. */
    private final Set<Push> unanswered = new LinkedHashSet<>();
    private volatile boolean closed;

    /**
     * A feedback stream on the deployment {@code settings} names; it connects on first use, on its
     * own thread. {@code clientName} names its connections in {@code CLIENT LIST}; a reply or end
     * marker that cannot be written is retried for {@code writeTimeout}, then its future fails.
     */
    public RedisFeedbackStream(RedisSettings settings, String clientName, Duration writeTimeout) {
        this(settings, clientName, writeTimeout, settings.deployment() == RedisSettings.Deployment.SENTINEL ? 1 : 0);
    }

    /**
     * The same, where a write counts as done only once {@code replicas} replicas have it too
     * ({@code WAIT}, once per batch of writes), so a failover loses no reply. Ignored on a cluster.
     */
    public RedisFeedbackStream(RedisSettings settings, String clientName, Duration writeTimeout, int replicas) {
        this(settings, clientName, writeTimeout, replicas, List.of());
    }

    /**
     * The same, with {@code instrumentations} adding to Lettuce's client resources.
     *
     * @param replicas replicas that must confirm a write; negative: the deployment's default (1 with Sentinel, else 0)
     */
    public RedisFeedbackStream(RedisSettings settings, String clientName, Duration writeTimeout, int replicas,
            List<RedisClientInstrumentation> instrumentations) {
        if (replicas < 0) {
            replicas = settings.deployment() == RedisSettings.Deployment.SENTINEL ? 1 : 0;
        }
        this.settings = settings;
        this.writeTimeout = writeTimeout;
        this.replicas = settings.deployment() == RedisSettings.Deployment.CLUSTER ? 0 : replicas;
        this.clients = new RedisClients(settings, clientName, instrumentations);
        this.loop = new CommandLoop("streamback-redis-" + clientName.replace("streamback:", ""));
        this.keyPrefix = FeedbackKeys.PREFIX + UUID.randomUUID().toString().substring(0, 13);
        loop.beforeFlush(this::beforeFlush);
    }

    /** A new key with this instance's prefix, so one pattern subscription covers every key it waits on. */
    @Override
    public String newKey() {
        return keyPrefix + FeedbackKeys.randomUuid().substring(13);
    }

    @Override
    public CompletableFuture<Void> push(String key, String entry, Duration ttl) {
        Push push = new Push(key, entry, Math.max(1, ttl.toSeconds()), System.nanoTime() + writeTimeout.toNanos());
        if (!submit(() -> write(push))) {
            push.result.completeExceptionally(closedException());
        }
        return push.result;
    }

    /** Like {@link #push} for each entry, handed to the loop in one task. */
    @Override
    public CompletableFuture<Void> pushAll(List<Map.Entry<String, String>> entries, Duration ttl) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        long ttlSeconds = Math.max(1, ttl.toSeconds());
        List<Push> pushes = new ArrayList<>(entries.size());
        for (Map.Entry<String, String> entry : entries) {
            pushes.add(new Push(entry.getKey(), entry.getValue(), ttlSeconds, deadline));
        }
        if (!submit(() -> pushes.forEach(this::write))) {
            pushes.forEach(push -> push.result.completeExceptionally(closedException()));
        }
        return CompletableFuture.allOf(pushes.stream().map(push -> push.result).toArray(CompletableFuture<?>[]::new));
    }

    @Override
    public CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
        return popNew(key, timeout, 0);
    }

    @Override
    public CompletableFuture<Optional<String>> popNew(String key, Duration timeout, long madeAtNanos) {
        CompletableFuture<Optional<String>> waiter = new CompletableFuture<>();
        waiter.completeOnTimeout(Optional.empty(), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!submit(() -> startPop(key, waiter, madeAtNanos))) {
            waiter.completeExceptionally(closedException());
        }
        return waiter;
    }

    /** {@code RPUSH}: back at the reading end, so the next pop gets it. */
    @Override
    public void unpop(String key, String entry) {
        submit(() -> {
            if (notified != null) {
                notified.unpop(key, entry);
            } else if (connected()) {
                commands.rpush(key, entry);
            }
        });
    }

    /** {@code SET key 1 NX PX ttl}. */
    @Override
    public CompletableFuture<Boolean> claim(String key, Duration ttl) {
        CompletableFuture<Boolean> claimed = new CompletableFuture<>();
        boolean submitted = submit(() -> {
            if (!connected()) {
                claimed.completeExceptionally(connectFailure);
                return;
            }
            SetArgs ifAbsent = SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()));
            commands.set(key, "1", ifAbsent).whenCompleteAsync((reply, error) -> {
                if (error != null) {
                    claimed.completeExceptionally(error);
                } else {
                    claimed.complete("OK".equals(reply));
                }
            }, loop);
        });
        if (!submitted) {
            claimed.completeExceptionally(closedException());
        }
        return claimed;
    }

    /** {@code PING} on the command connection, connecting it if needed, on the loop. */
    @Override
    public CompletableFuture<String> probe(Duration timeout) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        boolean submitted = submit(() -> {
            if (!connected()) {
                answer.completeExceptionally(connectFailure);
                return;
            }
            commands.ping().whenComplete((reply, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(reply);
                }
            });
        });
        if (!submitted) {
            answer.completeExceptionally(closedException());
        }
        return answer;
    }

    /** How many keys the notified reads keep state for now: waited for, or with entries peeked (for tests). */
    CompletableFuture<Integer> keysKept() {
        CompletableFuture<Integer> kept = new CompletableFuture<>();
        if (!submit(() -> kept.complete(notified == null ? 0 : notified.keysKept()))) {
            kept.completeExceptionally(closedException());
        }
        return kept;
    }

    private boolean submit(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void startPop(String key, CompletableFuture<Optional<String>> waiter, long madeAtNanos) {
        if (waiter.isDone()) {
            return;
        }
        if (!connected()) {
            waiter.completeExceptionally(connectFailure);
        } else if (notified != null) {
            notified.pop(key, waiter, madeAtNanos);
        } else {
            blocking.pop(key, waiter);
        }
    }

    /**
     * A first write of {@code push}, on the loop. While earlier writes are being retried it is held
     * behind them: entries of one key must reach Redis in the order they were pushed (a reply
     * before its end marker), whatever failed in between.
     */
    private void write(Push push) {
        push.seq = nextSeq++;
        if (!retries.isEmpty()) {
            push.queued = true;
            retries.add(push);
            drain(false);
            return;
        }
        attempt(push);
    }

    private void attempt(Push push) {
        if (!connected()) {
            failedAttempt(push, connectFailure);
            return;
        }
        if (!push.queued && !retries.isEmpty()) { // a lost connection just queued earlier writes: go behind them
            push.queued = true;
            retries.add(push);
            drain(false);
            return;
        }
        push.inFlight = true;
        unsent.computeIfAbsent(push.key, key -> new ArrayList<>(2)).add(push);
    }

    /** After a batch of the loop's tasks: its writes go out, then (with replicas) one {@code WAIT} for all. */
    private void beforeFlush() {
        if (!unsent.isEmpty()) {
            sendUnsent();
        }
        if (replicas > 0) {
            waitForReplicas();
        }
    }

    /**
     * Sends the batch's writes: per key one {@code LPUSH key e1 e2 ...} in push order, then one
     * {@code EXPIRE}. Redis holds the same list as after one {@code LPUSH} + {@code EXPIRE} per
     * entry (what Python does), for a reply and its end marker in two commands instead of four.
     */
    private void sendUnsent() {
        List<List<Push>> batch = new ArrayList<>(unsent.values());
        unsent.clear();
        for (List<Push> sameKey : batch) {
            if (commands == null) {
                sameKey.forEach(push -> failedAttempt(push, connectFailure));
                continue;
            }
            Push first = sameKey.get(0);
            String[] entries = new String[sameKey.size()];
            long ttlSeconds = 0;
            for (int i = 0; i < entries.length; i++) {
                entries[i] = sameKey.get(i).entry;
                ttlSeconds = Math.max(ttlSeconds, sameKey.get(i).ttlSeconds);
            }
            unanswered.addAll(sameKey);
            CompletableFuture<Long> pushed = commands.lpush(first.key, entries).toCompletableFuture();
            CompletableFuture<Boolean> expiring = commands.expire(first.key, ttlSeconds).toCompletableFuture();
            CompletableFuture<?> written = CompletableFuture.allOf(pushed, expiring);
            if (replicas > 0) {
                written = CompletableFuture.allOf(written, replicated());
            }
            written.whenCompleteAsync((ok, error) -> {
                for (Push push : sameKey) {
                    unanswered.remove(push);
                    if (error == null) {
                        succeeded(push);
                    } else {
                        failedAttempt(push, error);
                    }
                }
            }, loop);
        }
    }

    private void succeeded(Push push) {
        push.inFlight = false;
        push.result.complete(null);
        if (push.queued) {
            push.queued = false;
            retries.remove(push);
        }
        if (attempting == push) {
            attempting = null;
        }
        drain(true);
    }

    /** Queues {@code push} (in push order) for a retry, or fails it once the write timeout has passed. */
    private void failedAttempt(Push push, @Nullable Throwable error) {
        push.inFlight = false;
        push.failures++;
        push.error = error;
        if (!push.queued) {
            push.queued = true;
            retries.add(push);
        }
        if (attempting == push) {
            attempting = null;
        }
        drain(false);
    }

    /**
     * Retries the queued writes one at a time, oldest first, so none overtakes an earlier one, each
     * after a growing pause; once one succeeds, all queued writes go at once, in order (pipelined,
     * so a backlog drains at full speed after an outage). A write whose
     * timeout has passed fails, and so do the queued writes to the same key after it (written
     * without it they would reach the reader out of order; their records are delivered again).
     */
    private void drain(boolean lastSucceeded) {
        if (lastSucceeded && attempting == null) {
            // Redis takes writes again: send what is queued at once, in order, on the one connection
            if (retries.isEmpty() || retries.first().inFlight) {
                return; // the oldest is on its way: nothing may overtake it
            }
            for (Push queued : new ArrayList<>(retries)) {
                if (queued.inFlight) {
                    break; // sent already (perhaps on a connection since lost): those after it wait for its answer
                }
                if (!queued.queued) {
                    continue;
                }
                if (closed || rejected(queued) || System.nanoTime() - queued.deadline >= 0) {
                    giveUp(queued);
                } else {
                    attempt(queued);
                }
            }
            return;
        }
        while (attempting == null && !retries.isEmpty()) {
            Push head = retries.first();
            if (head.inFlight) {
                return; // sent with the others after a success: wait for its answer
            }
            if (closed || rejected(head) || System.nanoTime() - head.deadline >= 0) {
                giveUp(head);
                continue;
            }
            attempting = head;
            if (head.failures == 0 || lastSucceeded) {
                attempt(head);
            } else {
                long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(head.failures - 1, 5));
                loop.schedule(Duration.ofMillis(delay), () -> attempt(head));
            }
            return;
        }
    }

    private void giveUp(Push head) {
        retries.remove(head);
        head.queued = false;
        String why = head.error != null ? RedisClients.rootMessage(head.error)
                : "it was held behind earlier writes that were being retried";
        StreambackException failure = rejected(head)
                ? new FeedbackRejectedException("writing feedback to " + head.key + " on " + settings
                        + " was refused: " + why, head.error)
                : new FeedbackUnavailableException("writing feedback to " + head.key + " on " + settings
                        + " failed for " + writeTimeout.toMillis() + " ms: " + why, head.error);
        head.result.completeExceptionally(failure);
        List<Push> sameKey = retries.stream().filter(p -> p.key.equals(head.key)).toList();
        for (Push later : sameKey) {
            retries.remove(later);
            later.queued = false;
            String message = "writing feedback to " + later.key + " on " + settings
                    + " failed: an earlier entry of the same key could not be written";
            later.result.completeExceptionally(failure instanceof FeedbackRejectedException
                    ? new FeedbackRejectedException(message, failure) : new FeedbackUnavailableException(message, failure));
        }
    }

    /** Whether Redis refused {@code push} for good: the key holds another type, so a retry fails the same way. */
    private static boolean rejected(Push push) {
        return push.error != null && RedisClients.rootMessage(push.error).startsWith("WRONGTYPE");
    }

    /** Completes when this batch's writes reached {@link #replicas} replicas; fails when fewer confirmed. */
    private CompletableFuture<Long> replicated() {
        if (batchReplicated == null) {
            batchReplicated = new CompletableFuture<>();
        }
        return batchReplicated;
    }

    /** Before the flush: one {@code WAIT} after the batch's writes confirms all of them. */
    private void waitForReplicas() {
        CompletableFuture<Long> batch = batchReplicated;
        if (batch != null && commands != null) {
            batchReplicated = null;
            awaitReplicas(batch, System.nanoTime() + writeTimeout.toNanos());
        }
    }

    /**
     * Asks until {@link #replicas} replicas have every write made so far on the connection: a
     * short {@code WAIT}, so pops behind it are hardly held up, repeated until {@code deadline}.
     */
    private void awaitReplicas(CompletableFuture<Long> batch, long deadline) {
        commands.waitForReplication(replicas, WAIT_MS).whenCompleteAsync((count, error) -> {
            if (error != null) {
                batch.completeExceptionally(error);
            } else if (count >= replicas) {
                batch.complete(count);
            } else if (System.nanoTime() - deadline >= 0 || closed) {
                batch.completeExceptionally(new FeedbackUnavailableException("only " + count + " of " + replicas
                        + " replicas confirmed the write (WAIT) within " + writeTimeout.toMillis() + " ms"));
            } else {
                loop.schedule(Duration.ofMillis(FIRST_RETRY_MS), () -> awaitReplicas(batch, deadline));
            }
        }, loop);
    }

    /** Connects on the loop's thread if not connected; a failure is kept for a second so callers fail fast. */
    private boolean connected() {
        if (connection != null && connection.isOpen()) {
            return true;
        }
        boolean lost = connection != null;
        if (lost) {
            connectionLost();
        }
        if (connectFailure != null && System.nanoTime() - connectFailedAt < RECONNECT_BACKOFF.toNanos()) {
            return false;
        }
        try {
            StatefulConnection<String, String> opened = clients.commands();
            RedisClusterAsyncCommands<String, String> async = RedisClients.async(opened);
            if (notified == null && blocking == null) {
                startReads(opened, async);
            }
            if (!clients.isCluster()) {
                loop.flushes(opened); // on a cluster, commands wait for node connections: Lettuce must flush them itself
            }
            connection = opened;
            commands = async;
            connectFailure = null;
            if (lost && notified != null) {
                notified.subscribed(); // turn notifications on again (a failover may have changed the master), look at every key
            }
            return true;
        } catch (RuntimeException e) {
            connectFailure = e instanceof StreambackException streambackException ? streambackException
                    : clients.connectFailure(e);
            connectFailedAt = System.nanoTime();
            LOG.warn("event=feedback_connect_failed streams={} error=\"{}\"", settings, LogText.of(connectFailure.getMessage()));
            return false;
        }
    }

    /**
     * The command connection died. It never reconnects by itself, which would send its commands
     * again after their replies were lost (a second {@code RPOP} would take an entry nobody sees);
     * the next command opens a new one.
     */
    private void connectionLost() {
        LOG.info("event=feedback_connection_lost streams={} effect=\"reconnecting on the next command\"", settings);
        StatefulConnection<String, String> dead = connection;
        connection = null;
        commands = null;
        if (dead != null) {
            dead.closeAsync();
        }
        if (notified != null) {
            notified.connectionLost();
        }
        holdBehindLostWrites();
    }

    /**
     * The writes that went out on the lost connection fail or succeed later, when its commands are
     * answered; the writes made until then must not overtake them on the next connection (a reply
     * would reach the reader before an earlier one). So they and the batch not sent yet join the
     * retry queue now, in push order, and later writes wait behind them.
     */
    private void holdBehindLostWrites() {
        for (Push push : unanswered) {
            if (!push.queued) {
                push.queued = true; // still in flight: the queue waits for its answer
                retries.add(push);
            }
        }
        for (List<Push> sameKey : unsent.values()) {
            for (Push push : sameKey) {
                push.inFlight = false;
                if (!push.queued) {
                    push.queued = true;
                    retries.add(push);
                }
            }
        }
        unsent.clear();
    }

    /** The command connection, connecting it if needed; null when Redis cannot be reached now. On the loop. */
    private @Nullable RedisClusterAsyncCommands<String, String> liveCommands() {
        return connected() ? commands : null;
    }

    private void startReads(StatefulConnection<String, String> opened, RedisClusterAsyncCommands<String, String> async) {
        String refused = settings.reads() == RedisSettings.Reads.BLOCKING ? "?reads=blocking was asked for"
                : clients.enableNotifications(opened);
        if (refused == null) {
            lonePeek = clients.isCluster() ? null : new LonePeek(clients.blocking(), loop);
            NotifiedReads reads = new NotifiedReads(loop, this::liveCommands, "__keyspace@" + settings.database() + "__:",
                    keyPrefix, () -> {
                        if (connection != null) {
                            reenableNotifications(connection);
                        }
                    }, lonePeek);
            RedisClients.Subscriber subscribed = clients.subscriber(reads);
            subscribed.psubscribe(reads.pattern()).join();
            reads.start(subscribed);
            subscriber = subscribed;
            notified = reads;
            LOG.info("event=feedback_reads mode=notifications streams={}", settings);
            return;
        }
        if (settings.reads() == RedisSettings.Reads.NOTIFICATIONS || clients.isCluster()) {
            throw new FeedbackUnavailableException("the feedback stream " + settings + " needs keyspace notifications"
                    + " and could not turn them on (" + refused + "): set notify-keyspace-events to include 'Kl'"
                    + " on every master" + (clients.isCluster() ? "" : ", or add ?reads=blocking to the feedback URI"));
        }
        StatefulRedisConnection<String, String> brpop = clients.blocking();
        blocking = new BlockingReads(brpop, this::liveCommands, loop);
        LOG.info("event=feedback_reads mode=blocking streams={} reason=\"{}\"", settings, LogText.of(refused));
    }

    /** After a reconnect (a failover, say) the master may be another server: turn its notifications on too. */
    private void reenableNotifications(StatefulConnection<String, String> opened) {
        String refused = clients.enableNotifications(opened);
        if (refused != null) {
            LOG.warn("event=feedback_notifications_off streams={} error=\"{}\" effect=\"reads are served by the"
                    + " 1 s sweep until notifications are on\"", settings, LogText.of(refused));
        }
    }

    private StreambackException closedException() {
        return new FeedbackUnavailableException("the feedback stream " + settings + " is closed");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> released = new CompletableFuture<>();
        if (submit(() -> {
            StreambackException error = closedException();
            if (notified != null) {
                notified.failAll(error);
            }
            attempting = null;
            drain(false); // closed: every queued write fails now
            released.complete(null);
        })) {
            released.completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
        }
        if (blocking != null) {
            blocking.close();
        }
        if (lonePeek != null) {
            lonePeek.close();
        }
        loop.close();
        if (subscriber != null) {
            subscriber.close();
        }
        if (connection != null) {
            connection.close();
        }
        clients.close();
    }

    @Override
    public String toString() {
        return settings.toString();
    }

    /** One reply or end marker on its way, with its retries. */
    private static final class Push {
        final String key;
        final String entry;
        final long ttlSeconds;
        final long deadline;
        final CompletableFuture<Void> result = new CompletableFuture<>();
        long seq;
        int failures;
        boolean inFlight;
        boolean queued;
        @Nullable Throwable error;

        Push(String key, String entry, long ttlSeconds, long deadline) {
            this.key = key;
            this.entry = entry;
            this.ttlSeconds = ttlSeconds;
            this.deadline = deadline;
        }
    }
}
