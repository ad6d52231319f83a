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
import java.util.concurrent.TimeUnit;

/**
 * The floor with reads that do not block, the design Streamback's reader is built on, written by
 * hand with nothing else: the same producer and responder as {@link FloorRpc}, but the caller
 * waits for Redis's keyspace notification of its key (one pattern subscription for all its keys)
 * and then takes the reply with one {@code RPOP}, on two connections for any number of requests.
 * The gap between this and {@link FloorRpc} is what the notification design costs by itself: one
 * more message from Redis and one more round trip than a {@code BRPOP} caller.
 */
final class NotifiedFloorRpc implements RpcClient {
    private final FloorRpc floor;
    private final String prefix = FeedbackKeys.PREFIX + UUID.randomUUID().toString().substring(0, 13);
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final StatefulRedisPubSubConnection<String, String> notifications;
    private final StatefulRedisConnection<String, String> commands;

    NotifiedFloorRpc(Infra infra, int partitions) {
        this.floor = new FloorRpc(infra, partitions, 0);
        this.commands = infra.redis();
        commands.sync().configSet("notify-keyspace-events", "Kl");
        RedisAsyncCommands<String, String> async = commands.async();
        this.notifications = infra.redisPubSub();
        String channels = "__keyspace@0__:";
        notifications.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                String key = channel.substring(channels.length());
                CompletableFuture<String> waiter = waiting.remove(key);
                if (waiter != null) {
                    async.rpop(key).thenAccept(waiter::complete);
                }
            }
        });
        notifications.sync().psubscribe(channels + prefix + "*");
    }

    @Override
    public CompletableFuture<?> call(int i) {
        String key = prefix + FeedbackKeys.randomUuid().substring(13);
        CompletableFuture<String> reply = new CompletableFuture<>();
        waiting.put(key, reply);
        floor.produce(key, i);
        return reply.orTimeout(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        notifications.close();
        commands.close();
        floor.close();
    }
}
