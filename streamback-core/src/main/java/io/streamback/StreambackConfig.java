package io.streamback;

import io.streamback.internal.JsonValues;
import io.streamback.internal.StreamsConfig;
import io.streamback.internal.text.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The immutable settings of a {@link Streamback} instance, made by {@link StreambackBuilder}, where
 * each setting's default is documented. {@link #toString()} masks passwords.
 */
public final class StreambackConfig {
    /** The kafka-clients property {@link #sendBlockTimeout()} sets (this package does not use kafka-clients). */
    private static final String MAX_BLOCK_MS = "max.block.ms";

    private final String name;
    private final StreamsConfig streams;
    private final Map<String, String> kafkaProperties;
    private final @Nullable String topicsPrefix;
    private final @Nullable String group;
    private final Duration sendBlockTimeout;
    private final Duration feedbackTimeout;
    private final boolean defaultDeadlines;
    private final Duration feedbackTtl;
    private final Duration feedbackWriteTimeout;
    private final int maxPendingFeedbackWrites;
    private final @Nullable Integer feedbackReplicas;
    private final Duration shutdownTimeout;
    private final @Nullable Duration processingTimeout;
    private final int poolConcurrency;
    private final Duration rescaleInterval;
    private final Duration minWorkerLifetime;
    private final Set<String> onlyTopics;
    private final WorkerMode workerMode;
    private final Duration scheduleLookBack;
    private final Path stateDir;
    private final JsonValues values;

    StreambackConfig(StreambackBuilder builder, StreamsConfig streams) {
        this.name = builder.name;
        this.streams = streams;
        this.kafkaProperties = Map.copyOf(builder.kafkaProperties);
        this.topicsPrefix = builder.topicsPrefix;
        this.group = builder.group;
        this.sendBlockTimeout = builder.sendBlockTimeout;
        this.feedbackTimeout = builder.feedbackTimeout;
        this.defaultDeadlines = builder.defaultDeadlines;
        this.feedbackTtl = builder.feedbackTtl;
        this.feedbackWriteTimeout = builder.feedbackWriteTimeout;
        this.maxPendingFeedbackWrites = builder.maxPendingFeedbackWrites;
        this.feedbackReplicas = builder.feedbackReplicas;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.processingTimeout = builder.processingTimeout;
        this.poolConcurrency = builder.poolConcurrency;
        this.rescaleInterval = builder.rescaleInterval;
        this.minWorkerLifetime = builder.minWorkerLifetime;
        this.onlyTopics = Set.copyOf(builder.onlyTopics);
        this.workerMode = builder.workerMode;
        this.scheduleLookBack = builder.scheduleLookBack;
        this.stateDir = builder.stateDir;
        this.values = builder.objectMapper == null ? JsonValues.withDefaultMapper()
                : JsonValues.of(builder.objectMapper);
    }

    /** The application's name. */
    public String name() {
        return name;
    }

    /**
     * The streams string as parsed, passwords masked: written from the parsed parts (which never
     * show a password), so the masking does not depend on how the string was written.
     */
    public String streamsString() {
        return Secrets.mask(streams.toString());
    }

    StreamsConfig streams() {
        return streams;
    }

    /** The mapping of the application's values: its own mapper's, or a default mapper made for this instance alone. */
    JsonValues values() {
        return values;
    }

    /** Extra kafka-clients properties. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /**
     * The kafka-clients properties the main stream gets: {@link #kafkaProperties()}, plus
     * {@code max.block.ms} from {@link #sendBlockTimeout()} unless they set it.
     */
    Map<String, String> mainStreamProperties() {
        Map<String, String> properties = new LinkedHashMap<>(kafkaProperties);
        properties.putIfAbsent(MAX_BLOCK_MS, Long.toString(sendBlockTimeout.toMillis()));
        return properties;
    }

    /** The topics prefix set on the builder (it wins over {@code topics_prefix=}), or null. */
    public @Nullable String topicsPrefix() {
        return topicsPrefix;
    }

    /** The consumer group set on the builder (it wins over {@code group=}), or null. */
    public @Nullable String group() {
        return group;
    }

    /**
     * The longest time a send holds its caller, as set on the builder; a {@code max.block.ms} in
     * {@link #kafkaProperties()} wins over it.
     */
    public Duration sendBlockTimeout() {
        return sendBlockTimeout;
    }

    /** How long a read waits for the next feedback entry. */
    public Duration feedbackTimeout() {
        return feedbackTimeout;
    }

    /** Whether {@code send} gives a request without a deadline of its own one of {@link #feedbackTimeout()}. */
    public boolean defaultDeadlines() {
        return defaultDeadlines;
    }

    /** How long an unread feedback list is kept in Redis after its last entry. */
    public Duration feedbackTtl() {
        return feedbackTtl;
    }

    /** How long a reply or end marker is retried before its record is left uncommitted. */
    public Duration feedbackWriteTimeout() {
        return feedbackWriteTimeout;
    }

    /** How many replies and end markers may be on their way to Redis at once. */
    public int maxPendingFeedbackWrites() {
        return maxPendingFeedbackWrites;
    }

    /** How many replicas must confirm a feedback write; null: the deployment's default (1 with Sentinel, else 0). */
    public @Nullable Integer feedbackReplicas() {
        return feedbackReplicas;
    }

    /** How long {@link Streamback#close()} waits for listeners to finish. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** How long one listener call may take unless the listener sets its own; null for no limit. */
    public @Nullable Duration processingTimeout() {
        return processingTimeout;
    }

    /** Number of pool workers. */
    public int poolConcurrency() {
        return poolConcurrency;
    }

    /** How often the autoscaler reads lag. */
    public Duration rescaleInterval() {
        return rescaleInterval;
    }

    /** How long a worker lives at least before the autoscaler may retire it. */
    public Duration minWorkerLifetime() {
        return minWorkerLifetime;
    }

    /** The only topics whose listeners run here; empty means all. */
    public Set<String> onlyTopics() {
        return onlyTopics;
    }

    /** Whether workers are threads or child JVMs. */
    public WorkerMode workerMode() {
        return workerMode;
    }

    /** How far back a missed schedule tick is still sent at start. */
    public Duration scheduleLookBack() {
        return scheduleLookBack;
    }

    /** Folder for local state files. */
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public String toString() {
        return "StreambackConfig{name=" + name + ", streams=" + streamsString() + ", topicsPrefix=" + topicsPrefix
                + ", group=" + group + ", sendBlockTimeout=" + sendBlockTimeout + ", feedbackTimeout=" + feedbackTimeout
                + ", defaultDeadlines=" + defaultDeadlines
                + ", feedbackTtl=" + feedbackTtl
                + ", poolConcurrency=" + poolConcurrency + ", workers=" + workerMode + ", onlyTopics=" + onlyTopics
                + ", kafkaProperties=" + kafkaProperties.keySet() + "}";
    }
}
