package io.streamback.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.streamback.StreambackException;
import io.streamback.spi.FeedbackStream;
import io.streamback.wire.FeedbackKeys;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
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

    private final RedisSettings settings;
    private final Duration writeTimeout;
    private final RedisClients clients;
    private final CommandLoop loop;
    private final String keyPrefix;

    // confined to the loop's thread
    private @Nullable StatefulConnection<String, String> connection;
    private @Nullable RedisClusterAsyncCommands<String, String> commands;
    private @Nullable NotifiedReads notified;
    private @Nullable BlockingReads blocking;
    private RedisClients.@Nullable Subscriber subscriber;
    private @Nullable StreambackException connectFailure;
    private long connectFailedAt;
    private int retrying;
    private final Deque<Push> heldBehindRetries = new ArrayDeque<>();
    private volatile boolean closed;

    /**
     * A feedback stream on the deployment {@code settings} names; it connects on first use, on its
     * own thread. {@code clientName} names its connections in {@code CLIENT LIST}; a reply or end
     * marker that cannot be written is retried for {@code writeTimeout}, then its future fails.
     */
    public RedisFeedbackStream(RedisSettings settings, String clientName, Duration writeTimeout) {
        this.settings = settings;
        this.writeTimeout = writeTimeout;
        this.clients = new RedisClients(settings, clientName);
        this.loop = new CommandLoop("streamback-redis-" + clientName.replace("streamback:", ""));
        this.keyPrefix = FeedbackKeys.PREFIX + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A new key with this instance's prefix, so one pattern subscription covers every key it waits on. */
    @Override
    public String newKey() {
        return keyPrefix + UUID.randomUUID().toString().substring(13);
    }

    @Override
    public CompletableFuture<Void> push(String key, String entry, Duration ttl) {
        Push push = new Push(key, entry, Math.max(1, ttl.toSeconds()), System.nanoTime() + writeTimeout.toNanos());
        if (!submit(() -> write(push))) {
            push.result.completeExceptionally(closedException());
        }
        return push.result;
    }

    @Override
    public CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
        CompletableFuture<Optional<String>> waiter = new CompletableFuture<>();
        waiter.completeOnTimeout(Optional.empty(), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (!submit(() -> startPop(key, waiter))) {
            waiter.completeExceptionally(closedException());
        }
        return waiter;
    }

    /** {@code RPUSH}: back at the reading end, so the next pop gets it. */
    @Override
    public void unpop(String key, String entry) {
        submit(() -> {
            if (connected()) {
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

    private boolean submit(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void startPop(String key, CompletableFuture<Optional<String>> waiter) {
        if (waiter.isDone()) {
            return;
        }
        if (!connected()) {
            waiter.completeExceptionally(connectFailure);
        } else if (notified != null) {
            notified.pop(key, waiter);
        } else {
            blocking.pop(key, waiter);
        }
    }

    private void write(Push push) {
        if (retrying > 0 && !push.retried) {
            heldBehindRetries.add(push); // keeps entries in order while earlier ones are retried
            return;
        }
        if (!connected()) {
            failedAttempt(push, connectFailure);
            return;
        }
        CompletableFuture<Long> pushed = commands.lpush(push.key, push.entry).toCompletableFuture();
        CompletableFuture<Boolean> expiring = commands.expire(push.key, push.ttlSeconds).toCompletableFuture();
        CompletableFuture.allOf(pushed, expiring).whenCompleteAsync((ok, error) -> {
            if (error == null) {
                finished(push);
                push.result.complete(null);
            } else {
                failedAttempt(push, error);
            }
        }, loop);
    }

    /** Retries {@code push} after a growing pause, or fails it once the write timeout has passed. */
    private void failedAttempt(Push push, Throwable error) {
        if (!push.retried) {
            push.retried = true;
            retrying++;
        }
        if (System.nanoTime() - push.deadline >= 0 || closed) {
            finished(push);
            push.result.completeExceptionally(new StreambackException("writing feedback to " + push.key + " on "
                    + settings + " failed for " + writeTimeout.toMillis() + " ms: " + RedisClients.rootMessage(error),
                    error));
            return;
        }
        long delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(push.failures++, 5));
        loop.schedule(Duration.ofMillis(delay), () -> write(push));
    }

    /** Once the last retried write is done, the writes held behind it go out, in order. */
    private void finished(Push push) {
        if (push.retried && --retrying == 0) {
            Deque<Push> held = new ArrayDeque<>(heldBehindRetries);
            heldBehindRetries.clear();
            held.forEach(this::write);
        }
    }

    /** Connects on the loop's thread if not connected; a failure is kept for a second so callers fail fast. */
    private boolean connected() {
        if (connection != null) {
            return true;
        }
        if (connectFailure != null && System.nanoTime() - connectFailedAt < RECONNECT_BACKOFF.toNanos()) {
            return false;
        }
        try {
            StatefulConnection<String, String> opened = clients.commands();
            RedisClusterAsyncCommands<String, String> async = RedisClients.async(opened);
            startReads(opened, async);
            loop.flushes(opened);
            connection = opened;
            commands = async;
            connectFailure = null;
            return true;
        } catch (RuntimeException e) {
            connectFailure = e instanceof StreambackException streambackException ? streambackException
                    : clients.connectFailure(e);
            connectFailedAt = System.nanoTime();
            LOG.warn("event=feedback_connect_failed streams={} error=\"{}\"", settings, connectFailure.getMessage());
            return false;
        }
    }

    private void startReads(StatefulConnection<String, String> opened, RedisClusterAsyncCommands<String, String> async) {
        String refused = settings.reads() == RedisSettings.Reads.BLOCKING ? "?reads=blocking was asked for"
                : clients.enableNotifications(opened);
        if (refused == null) {
            NotifiedReads reads = new NotifiedReads(loop, "__keyspace@" + settings.database() + "__:", keyPrefix,
                    () -> reenableNotifications(opened));
            RedisClients.Subscriber subscribed = clients.subscriber(reads);
            subscribed.psubscribe(reads.pattern()).join();
            reads.start(async, subscribed);
            subscriber = subscribed;
            notified = reads;
            LOG.info("event=feedback_reads mode=notifications streams={}", settings);
            return;
        }
        if (settings.reads() == RedisSettings.Reads.NOTIFICATIONS || clients.isCluster()) {
            throw new StreambackException("the feedback stream " + settings + " needs keyspace notifications"
                    + " and could not turn them on (" + refused + "): set notify-keyspace-events to include 'Kl'"
                    + " on every master" + (clients.isCluster() ? "" : ", or add ?reads=blocking to the feedback URI"));
        }
        StatefulRedisConnection<String, String> brpop = clients.blocking();
        blocking = new BlockingReads(brpop, async, loop);
        LOG.info("event=feedback_reads mode=blocking streams={} reason=\"{}\"", settings, refused);
    }

    /** After a reconnect (a failover, say) the master may be another server: turn its notifications on too. */
    private void reenableNotifications(StatefulConnection<String, String> opened) {
        String refused = clients.enableNotifications(opened);
        if (refused != null) {
            LOG.warn("event=feedback_notifications_off streams={} error=\"{}\" effect=\"reads are served by the"
                    + " 1 s sweep until notifications are on\"", settings, refused);
        }
    }

    private StreambackException closedException() {
        return new StreambackException("the feedback stream " + settings + " is closed");
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
            released.complete(null);
        })) {
            released.completeOnTimeout(null, 2, TimeUnit.SECONDS).join();
        }
        if (blocking != null) {
            blocking.close();
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
        int failures;
        boolean retried;

        Push(String key, String entry, long ttlSeconds, long deadline) {
            this.key = key;
            this.entry = entry;
            this.ttlSeconds = ttlSeconds;
            this.deadline = deadline;
        }
    }
}
