package io.streamback.internal;

import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.redis.RedisSettings;
import org.jspecify.annotations.Nullable;

/**
 * A parsed streams string.
 *
 * @param main where messages go: {@link KafkaSettings} or a {@link Memory} stream
 * @param feedback where replies go: {@link RedisSettings}, a {@link Memory} stream, or null for none
 * @param topicsPrefix prefix added to every topic, or null
 * @param group consumer group overriding the application's name, or null
 */
public record StreamsConfig(Object main, @Nullable Object feedback, @Nullable String topicsPrefix,
        @Nullable String group) {

    /** An in-memory stream shared by every {@code memory://name} in the JVM. */
    public record Memory(String name) {
        @Override
        public String toString() {
            return "memory://" + name;
        }
    }

    @Override
    public String toString() {
        return "main=" + main + (feedback == null ? "" : "&feedback=" + feedback)
                + (topicsPrefix == null ? "" : "&topics_prefix=" + topicsPrefix)
                + (group == null ? "" : "&group=" + group);
    }
}
