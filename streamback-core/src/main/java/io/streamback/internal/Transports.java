package io.streamback.internal;

import io.streamback.internal.kafka.KafkaMainStream;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.memory.MemoryFeedbackStream;
import io.streamback.internal.memory.MemoryMainStream;
import io.streamback.internal.redis.RedisFeedbackStream;
import io.streamback.internal.redis.RedisSettings;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Opens the transports a {@link StreamsConfig} names. */
public final class Transports {
    private Transports() {
    }

    /** The main stream; {@code kafkaProperties} are extra kafka-clients properties. */
    public static MainStream main(StreamsConfig config, Map<String, String> kafkaProperties, String clientName) {
        Object main = config.main();
        if (main instanceof KafkaSettings kafka) {
            return new KafkaMainStream(kafka.withProperties(kafkaProperties), clientName);
        }
        return MemoryMainStream.named(((StreamsConfig.Memory) main).name());
    }

    /**
     * The feedback stream, or null when the streams string names none.
     *
     * @param writeTimeout how long a write is retried
     * @param replicas replicas that must confirm a write; null for the deployment's default
     */
    public static @Nullable FeedbackStream feedback(StreamsConfig config, String clientName, Duration writeTimeout,
            @Nullable Integer replicas) {
        Object feedback = config.feedback();
        if (feedback == null) {
            return null;
        }
        if (feedback instanceof RedisSettings redis) {
            return replicas == null ? new RedisFeedbackStream(redis, clientName, writeTimeout)
                    : new RedisFeedbackStream(redis, clientName, writeTimeout, replicas);
        }
        return MemoryFeedbackStream.named(((StreamsConfig.Memory) feedback).name());
    }
}
