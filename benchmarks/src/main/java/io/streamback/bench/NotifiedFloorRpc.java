package io.streamback.bench;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.streamback.internal.wire.FeedbackKeys;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The floor with reads that do not block, the design Streamback's reader is built on, written by
 * hand with nothing else: the same producer and responder as {@link FloorRpc}, but the caller
 * waits for Redis's keyspace notification of its key (one pattern subscription for all its keys)
 * and then takes the reply with one {@code RPOP}, on two connections for any number of requests.
 * The gap between this and {@link FloorRpc} is what the notification design costs by itself: one
 * more message from Redis and one more round trip than a {@code BRPOP} caller.
 *
 * <p>{@link #ofProtocol} is the floor of any client of the protocol that follows the library's
 * rules: the records and entries are Python streamback's JSON (the envelope, a reply entry and an
 * end marker, the reply decoded by the caller; {@link FloorFormat#PYTHON}), and no work runs on
 * Lettuce's I/O threads: each notification is handed to a thread of its own, which sends the
 * {@code RPOP}, and each reply to another, which completes the caller's future (so the caller's
 * callbacks do not run on Lettuce's thread either). What it leaves out is what the library adds
 * for its own guarantees: commits, the peek before the {@code RPOP}, ordered and retried writes.
 */
final class NotifiedFloorRpc implements RpcClient {
    private final FloorRpc floor;
    private final String prefix = FeedbackKeys.PREFIX + UUID.randomUUID().toString().substring(0, 13);
    private final Map<String, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
    private final StatefulRedisPubSubConnection<String, String> notifications;
    private final StatefulRedisConnection<String, String> commands;
    private final HandOverThread notified;
    private final HandOverThread completions;
    private final FloorFormat format;

    /** The floor with notified reads, raw records, all of its reader's work on Lettuce's I/O threads. */
    NotifiedFloorRpc(Infra infra, int partitions) {
        this(infra, partitions, FloorFormat.RAW, false);
    }

    /** The protocol's floor: Python's records and entries, the reader's work handed to two threads of its own. */
    static NotifiedFloorRpc ofProtocol(Infra infra, int partitions) {
        return new NotifiedFloorRpc(infra, partitions, FloorFormat.PYTHON, true);
    }

    private NotifiedFloorRpc(Infra infra, int partitions, FloorFormat format, boolean handOver) {
        this.format = format;
        this.floor = new FloorRpc(infra, partitions, 0, format);
        this.commands = infra.redis();
        commands.sync().configSet("notify-keyspace-events", "Kl");
        RedisAsyncCommands<String, String> async = commands.async();
        this.notifications = infra.redisPubSub();
        this.notified = handOver ? new HandOverThread("floor-notified") : null;
        this.completions = handOver ? new HandOverThread("floor-completions") : null;
        String channels = "__keyspace@0__:";
        notifications.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                String key = channel.substring(channels.length());
                if (notified == null) {
                    take(async, key, Runnable::run);
                } else {
                    notified.execute(() -> take(async, key, completions));
                }
            }
        });
        notifications.sync().psubscribe(channels + prefix + "*");
    }

    private void take(RedisAsyncCommands<String, String> async, String key, Executor completing) {
        CompletableFuture<Object> waiter = waiting.remove(key);
        if (waiter != null) {
            async.rpop(key).thenAccept(entry -> completing.execute(() -> waiter.complete(format.reply(entry))));
        }
    }

    @Override
    public CompletableFuture<?> call(int i) {
        String key = prefix + FeedbackKeys.randomUuid().substring(13);
        CompletableFuture<Object> reply = new CompletableFuture<>();
        waiting.put(key, reply);
        floor.produce(key, i);
        return reply.orTimeout(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        notifications.close();
        commands.close();
        floor.close();
        if (notified != null) {
            notified.close();
            completions.close();
        }
    }
}
