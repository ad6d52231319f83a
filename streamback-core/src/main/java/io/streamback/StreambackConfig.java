package io.streamback;

import io.streamback.internal.Secrets;
import io.streamback.internal.StreamsConfig;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of a {@link Streamback} instance, made by {@link StreambackBuilder}.
 * {@link #toString()} masks passwords.
 */
public final class StreambackConfig {
    private final String name;
    private final String streamsText;
    private final StreamsConfig streams;
    private final Map<String, String> kafkaProperties;
    private final @Nullable String topicsPrefix;
    private final @Nullable String group;
    private final Duration feedbackTimeout;
    private final Duration feedbackTtl;
    private final Duration shutdownTimeout;

    StreambackConfig(String name, String streamsText, StreamsConfig streams, Map<String, String> kafkaProperties,
            @Nullable String topicsPrefix, @Nullable String group, Duration feedbackTimeout, Duration feedbackTtl,
            Duration shutdownTimeout) {
        this.name = name;
        this.streamsText = streamsText;
        this.streams = streams;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
        this.topicsPrefix = topicsPrefix;
        this.group = group;
        this.feedbackTimeout = feedbackTimeout;
        this.feedbackTtl = feedbackTtl;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The application's name. */
    public String name() {
        return name;
    }

    /** The streams string, passwords masked. */
    public String streamsString() {
        return Secrets.mask(streamsText);
    }

    StreamsConfig streams() {
        return streams;
    }

    /** Extra kafka-clients properties. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** The topics prefix set on the builder (it wins over {@code topics_prefix=}), or null. */
    public @Nullable String topicsPrefix() {
        return topicsPrefix;
    }

    /** The consumer group set on the builder (it wins over {@code group=}), or null. */
    public @Nullable String group() {
        return group;
    }

    /** How long a read waits for the next feedback entry. */
    public Duration feedbackTimeout() {
        return feedbackTimeout;
    }

    /** How long an unread feedback list is kept in Redis after its last entry. */
    public Duration feedbackTtl() {
        return feedbackTtl;
    }

    /** How long {@link Streamback#close()} waits for listeners to finish. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    @Override
    public String toString() {
        return "StreambackConfig{name=" + name + ", streams=" + streamsString() + ", topicsPrefix=" + topicsPrefix
                + ", group=" + group + ", feedbackTimeout=" + feedbackTimeout + ", feedbackTtl=" + feedbackTtl
                + ", kafkaProperties=" + kafkaProperties.keySet() + "}";
    }
}
