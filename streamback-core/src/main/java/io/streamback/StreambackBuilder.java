package io.streamback;

import io.streamback.internal.StreamsParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Streamback}; every setting but the streams string has a default. Not thread-safe. */
public final class StreambackBuilder {
    /** Default idle timeout of feedback reads: 60 seconds, as in Python streamback. */
    public static final Duration DEFAULT_FEEDBACK_TIMEOUT = Duration.ofSeconds(60);
    /** Default time an unread feedback list lives in Redis: 300 seconds, as in Python streamback. */
    public static final Duration DEFAULT_FEEDBACK_TTL = Duration.ofSeconds(300);
    /** Default time {@link Streamback#close()} gives listeners to finish: 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Function<StreambackConfig, Streamback> factory;
    private @Nullable String streams;
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private @Nullable String topicsPrefix;
    private @Nullable String group;
    private Duration feedbackTimeout = DEFAULT_FEEDBACK_TIMEOUT;
    private Duration feedbackTtl = DEFAULT_FEEDBACK_TTL;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    StreambackBuilder(String name, Function<StreambackConfig, Streamback> factory) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the application name must not be blank");
        }
        this.name = name;
        this.factory = factory;
    }

    /** The streams string, e.g. {@code main=kafka://kafka:9092&feedback=redis://redis:6379}. Required. */
    public StreambackBuilder streams(String streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
        return this;
    }

    /** An extra kafka-clients property for producers and consumers, e.g. {@code ("acks", "all")}; it wins over defaults. */
    public StreambackBuilder kafkaProperty(String key, String value) {
        kafkaProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Prefix for every topic ({@code T} becomes {@code prefix.T}); wins over {@code topics_prefix=}. Default none. */
    public StreambackBuilder topicsPrefix(String prefix) {
        this.topicsPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** The consumer group of the listeners; wins over {@code group=}. Default: the application's name. */
    public StreambackBuilder group(String group) {
        this.group = Objects.requireNonNull(group, "group");
        return this;
    }

    /** Idle timeout of feedback reads without their own timeout. Default {@link #DEFAULT_FEEDBACK_TIMEOUT}. */
    public StreambackBuilder feedbackTimeout(Duration timeout) {
        this.feedbackTimeout = positive(timeout, "feedbackTimeout");
        return this;
    }

    /** How long unread replies stay in Redis after the last one. Default {@link #DEFAULT_FEEDBACK_TTL}. */
    public StreambackBuilder feedbackTtl(Duration ttl) {
        this.feedbackTtl = positive(ttl, "feedbackTtl");
        return this;
    }

    /** How long {@link Streamback#close()} waits for listeners. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
    public StreambackBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = positive(timeout, "shutdownTimeout");
        return this;
    }

    /**
     * Builds the instance. Connections open on first use.
     *
     * @throws InvalidStreamsException when the streams string is missing or invalid
     */
    public Streamback build() {
        if (streams == null) {
            throw new InvalidStreamsException("none given: call streams(\"...\") on the builder");
        }
        return factory.apply(new StreambackConfig(name, streams, StreamsParser.parse(streams), kafkaProperties,
                topicsPrefix, group, feedbackTimeout, feedbackTtl, shutdownTimeout));
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }
}
