package io.streamback.testkit;

import org.jspecify.annotations.Nullable;

/**
 * The pair of servers Streamback needs: an {@link EmbeddedKafka} main stream and an
 * {@link EmbeddedRedis} feedback stream.
 *
 * <p>Redis Cluster and Sentinel deployments are not shared: tests that need one start their own
 * with {@link EmbeddedRedisCluster#start(int)} or {@link EmbeddedRedisSentinel#start(String)},
 * since such tests usually kill nodes or fail over.
 */
public final class StreambackTestKit {

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable StreambackTestKit shared;

    private final EmbeddedKafka kafka;
    private final EmbeddedRedis redis;

    private StreambackTestKit(EmbeddedKafka kafka, EmbeddedRedis redis) {
        this.kafka = kafka;
        this.redis = redis;
    }

    /**
     * Returns the kit backed by {@link EmbeddedKafka#shared()} and {@link EmbeddedRedis#shared()},
     * starting them on first use. They are stopped when the JVM exits.
     *
     * @throws IllegalStateException if a server cannot be started
     */
    public static StreambackTestKit shared() {
        synchronized (SHARED_LOCK) {
            EmbeddedKafka kafka = EmbeddedKafka.shared();
            EmbeddedRedis redis = EmbeddedRedis.shared();
            StreambackTestKit current = shared;
            if (current == null || current.kafka != kafka || current.redis != redis) {
                current = new StreambackTestKit(kafka, redis);
                shared = current;
            }
            return current;
        }
    }

    /**
     * Returns the Streamback streams setting for these servers:
     * {@code main=kafka://127.0.0.1:KAFKA_PORT&feedback=redis://127.0.0.1:REDIS_PORT}.
     */
    public String streams() {
        return "main=kafka://" + kafka.bootstrapServers() + "&feedback=" + redis.uri();
    }

    /** Returns the Kafka broker (main stream). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Returns the Redis server (feedback stream). */
    public EmbeddedRedis redis() {
        return redis;
    }

    @Override
    public String toString() {
        return "StreambackTestKit[" + streams() + "]";
    }
}
