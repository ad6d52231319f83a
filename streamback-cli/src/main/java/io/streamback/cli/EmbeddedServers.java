package io.streamback.cli;

import io.streamback.testkit.EmbeddedKafka;
import io.streamback.testkit.EmbeddedRedis;

/** A Kafka broker and a Redis server started in this process for the demo and dev commands. */
final class EmbeddedServers implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EmbeddedRedis redis;

    private EmbeddedServers(EmbeddedKafka kafka, EmbeddedRedis redis) {
        this.kafka = kafka;
        this.redis = redis;
    }

    /**
     * Starts both servers; a port of 0 takes a free one.
     *
     * @throws IllegalStateException when a server cannot start, e.g. its port is in use
     */
    static EmbeddedServers start(int kafkaPort, int redisPort) {
        EmbeddedRedis redis = EmbeddedRedis.start(redisPort);
        try {
            return new EmbeddedServers(EmbeddedKafka.start(kafkaPort), redis);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** The streams string for these servers: {@code main=kafka://127.0.0.1:P&feedback=redis://127.0.0.1:P}. */
    String streams() {
        return "main=kafka://" + kafka.bootstrapServers() + "&feedback=" + redis.uri();
    }

    /** Where Kafka listens, {@code 127.0.0.1:P}. */
    String kafkaAddress() {
        return kafka.bootstrapServers();
    }

    /** Where Redis listens, {@code 127.0.0.1:P}. */
    String redisAddress() {
        return redis.uri().substring("redis://".length());
    }

    /** Stops both servers; idempotent. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            redis.close();
        }
    }
}
