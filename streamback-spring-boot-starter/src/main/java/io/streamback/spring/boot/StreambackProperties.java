package io.streamback.spring.boot;

import io.streamback.StreambackBuilder;
import io.streamback.WorkerMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code streamback.*} properties: the auto-configured {@link io.streamback.Streamback}'s name,
 * streams string and every setting of {@link StreambackBuilder}, each with the builder's default.
 * Durations take Spring's forms ({@code 30s}, {@code 500ms}, {@code PT30S}). A key under
 * {@code streamback.} that is none of these fails the start, so a typo does not pass unnoticed.
 * Each getter and setter reads or writes the field of its name.
 */
@ConfigurationProperties(prefix = "streamback", ignoreUnknownFields = false)
public class StreambackProperties {
    /**
     * The application's name: its consumer group (unless group says otherwise) and the source group
     * of what it sends. Default: spring.application.name.
     */
    private @Nullable String name;

    /**
     * The streams string: the main stream (main=kafka://host:port) and the feedback stream
     * (feedback=redis://host:port) joined by an ampersand, as in Python streamback. Required.
     */
    private @Nullable String streams;

    /**
     * Extra kafka-clients properties for producers and consumers, e.g. acks=all; they win over the
     * library's defaults.
     */
    private Map<String, String> kafkaProperties = new LinkedHashMap<>();

    /**
     * Prefix of every topic (T becomes prefix.T); wins over the streams string's topics_prefix=.
     * Default: none.
     */
    private @Nullable String topicsPrefix;

    /** The consumer group of the listeners; wins over the streams string's group=. Default: the name. */
    private @Nullable String group;

    /**
     * The longest time send holds its caller for the topic's metadata or room in the producer's
     * buffer (kafka-clients' max.block.ms); a kafka-properties max.block.ms wins over it.
     */
    private Duration sendBlockTimeout = Duration.ofSeconds(5);

    /** Idle timeout of feedback reads without a timeout of their own; restarts after every reply. */
    private Duration feedbackTimeout = Duration.ofSeconds(60);

    /**
     * Whether send gives a request whose options set no deadline the deadline send time +
     * feedback-timeout (true), or none, as Python does (false).
     */
    private boolean defaultDeadlines = true;

    /** How long unread replies stay in Redis after the last one. */
    private Duration feedbackTtl = Duration.ofSeconds(300);

    /**
     * How long a reply or end marker is retried while Redis does not take it; a record whose
     * feedback could not be written in time is delivered again.
     */
    private Duration feedbackWriteTimeout = Duration.ofSeconds(30);

    /**
     * How many replies and end markers may be on their way to Redis at once before respond and the
     * workers wait.
     */
    private int maxPendingFeedbackWrites = 4096;

    /**
     * How many Redis replicas must have a reply before it counts as written (WAIT). Default: 1 with
     * redis-sentinel://, 0 otherwise; not used on a cluster.
     */
    private @Nullable Integer feedbackReplicas;

    /**
     * How long stopping gives listeners to finish the message in hand, flush and commit, when the
     * application context closes.
     */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /**
     * How long one listener call may take, for listeners without a processing timeout of their own.
     * Default: no limit.
     */
    private @Nullable Duration processingTimeout;

    /** Number of pool workers, shared by listeners without a concurrency setting. */
    private int poolConcurrency = 1;

    /** How often the autoscaler reads lag and resizes worker groups. */
    private Duration rescaleInterval = Duration.ofSeconds(1);

    /** How long a worker lives at least before the autoscaler may retire it. */
    private Duration minWorkerLifetime = Duration.ofSeconds(10);

    /**
     * Run only the listeners of these topics (Python's topics=), so one codebase can deploy as
     * several services. Default: every listener.
     */
    private List<String> onlyTopics = new ArrayList<>();

    /**
     * Whether workers are threads or child JVMs. A child JVM runs the application's main again, so
     * with Spring Boot each child starts the whole application context.
     */
    private WorkerMode workerMode = WorkerMode.THREADS;

    /** How far back a schedule tick missed while the application was down is still sent at start. */
    private Duration scheduleLookBack = Duration.ofSeconds(60);

    /** Folder of local state, such as the schedule state file used without a feedback stream. */
    private Path stateDir = StreambackBuilder.DEFAULT_STATE_DIR;

    /**
     * Whether values are mapped with the application context's ObjectMapper bean, when it has
     * exactly one (true), or with the library's own default mapper (false). A
     * StreambackBuilderCustomizer that sets a mapper wins over both.
     */
    private boolean applicationObjectMapper = true;

    /**
     * Whether the application context registers the @Listen methods of its beans and its Router
     * beans, and starts listening once it is refreshed. False for an application that only sends.
     */
    private boolean autoStartup = true;

    /** Micrometer metrics of the instance, when the application has a MeterRegistry bean. */
    private final Metrics metrics = new Metrics();

    /**
     * Applies every setting but the name, the streams string and the mapper to {@code builder}, each through the
     * builder's setter, so its checks apply.
     *
     * @throws InvalidStreambackPropertyException naming the property a setter refused
     */
    void applyTo(StreambackBuilder builder) {
        kafkaProperties.forEach(builder::kafkaProperty);
        set("topics-prefix", topicsPrefix, builder::topicsPrefix);
        set("group", group, builder::group);
        set("send-block-timeout", sendBlockTimeout, builder::sendBlockTimeout);
        set("feedback-timeout", feedbackTimeout, builder::feedbackTimeout);
        builder.defaultDeadlines(defaultDeadlines);
        set("feedback-ttl", feedbackTtl, builder::feedbackTtl);
        set("feedback-write-timeout", feedbackWriteTimeout, builder::feedbackWriteTimeout);
        set("max-pending-feedback-writes", maxPendingFeedbackWrites, builder::maxPendingFeedbackWrites);
        set("feedback-replicas", feedbackReplicas, builder::feedbackReplicas);
        set("shutdown-timeout", shutdownTimeout, builder::shutdownTimeout);
        set("processing-timeout", processingTimeout, builder::processingTimeout);
        set("pool-concurrency", poolConcurrency, builder::poolConcurrency);
        set("rescale-interval", rescaleInterval, builder::rescaleInterval);
        set("min-worker-lifetime", minWorkerLifetime, builder::minWorkerLifetime);
        set("only-topics", onlyTopics, topics -> builder.onlyTopics(topics.toArray(String[]::new)));
        set("worker-mode", workerMode, builder::workers);
        set("schedule-look-back", scheduleLookBack, builder::scheduleLookBack);
        set("state-dir", stateDir, builder::stateDir);
    }

    private static <T> void set(String property, @Nullable T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidStreambackPropertyException("streamback." + property, String.valueOf(value),
                    String.valueOf(e.getMessage()), e);
        }
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable String getStreams() {
        return streams;
    }

    public void setStreams(@Nullable String streams) {
        this.streams = streams;
    }

    public Map<String, String> getKafkaProperties() {
        return kafkaProperties;
    }

    public void setKafkaProperties(Map<String, String> kafkaProperties) {
        this.kafkaProperties = kafkaProperties;
    }

    public @Nullable String getTopicsPrefix() {
        return topicsPrefix;
    }

    public void setTopicsPrefix(@Nullable String topicsPrefix) {
        this.topicsPrefix = topicsPrefix;
    }

    public @Nullable String getGroup() {
        return group;
    }

    public void setGroup(@Nullable String group) {
        this.group = group;
    }

    public Duration getSendBlockTimeout() {
        return sendBlockTimeout;
    }

    public void setSendBlockTimeout(Duration sendBlockTimeout) {
        this.sendBlockTimeout = sendBlockTimeout;
    }

    public Duration getFeedbackTimeout() {
        return feedbackTimeout;
    }

    public void setFeedbackTimeout(Duration feedbackTimeout) {
        this.feedbackTimeout = feedbackTimeout;
    }

    public boolean isDefaultDeadlines() {
        return defaultDeadlines;
    }

    public void setDefaultDeadlines(boolean defaultDeadlines) {
        this.defaultDeadlines = defaultDeadlines;
    }

    public Duration getFeedbackTtl() {
        return feedbackTtl;
    }

    public void setFeedbackTtl(Duration feedbackTtl) {
        this.feedbackTtl = feedbackTtl;
    }

    public Duration getFeedbackWriteTimeout() {
        return feedbackWriteTimeout;
    }

    public void setFeedbackWriteTimeout(Duration feedbackWriteTimeout) {
        this.feedbackWriteTimeout = feedbackWriteTimeout;
    }

    public int getMaxPendingFeedbackWrites() {
        return maxPendingFeedbackWrites;
    }

    public void setMaxPendingFeedbackWrites(int maxPendingFeedbackWrites) {
        this.maxPendingFeedbackWrites = maxPendingFeedbackWrites;
    }

    public @Nullable Integer getFeedbackReplicas() {
        return feedbackReplicas;
    }

    public void setFeedbackReplicas(@Nullable Integer feedbackReplicas) {
        this.feedbackReplicas = feedbackReplicas;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public @Nullable Duration getProcessingTimeout() {
        return processingTimeout;
    }

    public void setProcessingTimeout(@Nullable Duration processingTimeout) {
        this.processingTimeout = processingTimeout;
    }

    public int getPoolConcurrency() {
        return poolConcurrency;
    }

    public void setPoolConcurrency(int poolConcurrency) {
        this.poolConcurrency = poolConcurrency;
    }

    public Duration getRescaleInterval() {
        return rescaleInterval;
    }

    public void setRescaleInterval(Duration rescaleInterval) {
        this.rescaleInterval = rescaleInterval;
    }

    public Duration getMinWorkerLifetime() {
        return minWorkerLifetime;
    }

    public void setMinWorkerLifetime(Duration minWorkerLifetime) {
        this.minWorkerLifetime = minWorkerLifetime;
    }

    public List<String> getOnlyTopics() {
        return onlyTopics;
    }

    public void setOnlyTopics(List<String> onlyTopics) {
        this.onlyTopics = onlyTopics;
    }

    public WorkerMode getWorkerMode() {
        return workerMode;
    }

    public void setWorkerMode(WorkerMode workerMode) {
        this.workerMode = workerMode;
    }

    public Duration getScheduleLookBack() {
        return scheduleLookBack;
    }

    public void setScheduleLookBack(Duration scheduleLookBack) {
        this.scheduleLookBack = scheduleLookBack;
    }

    public Path getStateDir() {
        return stateDir;
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public boolean isApplicationObjectMapper() {
        return applicationObjectMapper;
    }

    public void setApplicationObjectMapper(boolean applicationObjectMapper) {
        this.applicationObjectMapper = applicationObjectMapper;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * The {@code streamback.metrics.*} properties: what {@code StreambackMetrics} (module
     * {@code streamback-micrometer}) measures in the application's {@code MeterRegistry}.
     */
    public static class Metrics {
        /**
         * Whether the instance's meters (streamback.*) are recorded in the application's
         * MeterRegistry, when streamback-micrometer is on the classpath and the context has a
         * MeterRegistry bean.
         */
        private boolean enabled = true;

        /**
         * Whether the metrics of the instance's Kafka clients (kafka.producer.*, kafka.consumer.*,
         * kafka.admin.client.*) are bound to the registry too.
         */
        private boolean kafkaClientMetrics = false;

        /**
         * Whether Lettuce records its command latencies (lettuce.command.completion,
         * lettuce.command.firstresponse) in the registry.
         */
        private boolean lettuceMetrics = false;

        /**
         * Tags added to every meter of the instance and of its clients, e.g. region=eu-west-1; the
         * tag application (the instance's name) is always there, and management.metrics.tags.*
         * apply to every meter of the registry.
         */
        private Map<String, String> tags = new LinkedHashMap<>();

        /** Created by the binder. */
        public Metrics() {
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isKafkaClientMetrics() {
            return kafkaClientMetrics;
        }

        public void setKafkaClientMetrics(boolean kafkaClientMetrics) {
            this.kafkaClientMetrics = kafkaClientMetrics;
        }

        public boolean isLettuceMetrics() {
            return lettuceMetrics;
        }

        public void setLettuceMetrics(boolean lettuceMetrics) {
            this.lettuceMetrics = lettuceMetrics;
        }

        public Map<String, String> getTags() {
            return tags;
        }

        public void setTags(Map<String, String> tags) {
            this.tags = tags;
        }
    }
}
