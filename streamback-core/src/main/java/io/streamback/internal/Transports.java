package io.streamback.internal;

import io.streamback.internal.kafka.KafkaClientInstrumentation;
import io.streamback.internal.kafka.KafkaMainStream;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.memory.MemoryFeedbackStream;
import io.streamback.internal.memory.MemoryMainStream;
import io.streamback.internal.redis.RedisClientInstrumentation;
import io.streamback.internal.redis.RedisFeedbackStream;
import io.streamback.internal.redis.RedisSettings;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Opens the transports a {@link StreamsConfig} names. */
public final class Transports {
    private Transports() {
    }

    /** The main stream; {@code kafkaProperties} are extra kafka-clients properties. */
    public static MainStream main(StreamsConfig config, Map<String, String> kafkaProperties, String clientName) {
        return main(config, kafkaProperties, clientName, List.of());
    }

    /**
     * The same; each of {@code observers} that is a {@link KafkaClientInstrumentation} is told of
     * the Kafka clients the stream creates.
     */
    public static MainStream main(StreamsConfig config, Map<String, String> kafkaProperties, String clientName,
            List<?> observers) {
        Object main = config.main();
        if (main instanceof KafkaSettings kafka) {
            return new KafkaMainStream(kafka.withProperties(kafkaProperties), clientName,
                    only(KafkaClientInstrumentation.class, observers));
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
        return feedback(config, clientName, writeTimeout, replicas, List.of());
    }

    /**
     * The same; each of {@code observers} that is a {@link RedisClientInstrumentation} adds to
     * Lettuce's client resources.
     */
    public static @Nullable FeedbackStream feedback(StreamsConfig config, String clientName, Duration writeTimeout,
            @Nullable Integer replicas, List<?> observers) {
        Object feedback = config.feedback();
        if (feedback == null) {
            return null;
        }
        if (feedback instanceof RedisSettings redis) {
            return new RedisFeedbackStream(redis, clientName, writeTimeout, replicas == null ? -1 : replicas,
                    only(RedisClientInstrumentation.class, observers));
        }
        return MemoryFeedbackStream.named(((StreamsConfig.Memory) feedback).name());
    }

    private static <T> List<T> only(Class<T> type, List<?> observers) {
        return observers.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
