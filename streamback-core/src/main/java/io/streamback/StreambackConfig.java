package io.streamback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.internal.StreamsParser;
import io.streamback.internal.text.Secrets;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import io.streamback.ext.StreambackObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link Streamback} instance, as {@link StreambackBuilder} filled them; each
 * setting's default is documented on the builder's setter of the same name. {@link #toString()}
 * shows every setting, passwords masked; {@link #toBuilder()} changes some.
 *
 * <p>A setting is a component here and a field with a setter of the same name on the builder:
 * {@link StreambackBuilder#build()} and {@link #toBuilder()} copy between them by name.
 *
 * @param name the application's name
 * @param streams the streams string as given: it holds passwords, so log {@link #streamsString()}
 * @param kafkaProperties extra kafka-clients properties
 * @param topicsPrefix the topics prefix set on the builder (it wins over {@code topics_prefix=}), or null
 * @param group the consumer group set on the builder (it wins over {@code group=}), or null
 * @param sendBlockTimeout the longest {@code send} holds its caller for metadata or buffer room
 * @param feedbackTimeout the idle timeout of feedback reads without their own
 * @param defaultDeadlines whether {@code send} gives requests a deadline by default
 * @param feedbackTtl how long unread replies stay in Redis after the last one
 * @param feedbackWriteTimeout how long a reply or end marker is retried while Redis does not take it
 * @param maxPendingFeedbackWrites how many replies and end markers may be on their way at once
 * @param feedbackReplicas replicas that must confirm a feedback write; null: the deployment's default
 *     (1 with Sentinel, else 0)
 * @param shutdownTimeout how long {@link Streamback#close()} waits for listeners
 * @param processingTimeout how long one listener call may take unless the listener sets its own; null: no limit
 * @param poolConcurrency the number of pool workers
 * @param rescaleInterval how often the autoscaler reads lag
 * @param minWorkerLifetime how long a worker lives at least before the autoscaler may retire it
 * @param onlyTopics the topics whose listeners run; empty: all
 * @param workerMode whether workers are threads or child JVMs
 * @param scheduleLookBack how far back a missed schedule tick is still sent
 * @param stateDir the folder for local state
 * @param objectMapper the application's mapper for the values it sends and receives; null: the default
 * @param observers what watches the instance (metrics, tracing), in the order they are called; empty: nothing
 */
public record StreambackConfig(String name, String streams, Map<String, String> kafkaProperties,
        @Nullable String topicsPrefix, @Nullable String group, Duration sendBlockTimeout, Duration feedbackTimeout,
        boolean defaultDeadlines, Duration feedbackTtl, Duration feedbackWriteTimeout, int maxPendingFeedbackWrites,
        @Nullable Integer feedbackReplicas, Duration shutdownTimeout, @Nullable Duration processingTimeout,
        int poolConcurrency, Duration rescaleInterval, Duration minWorkerLifetime, Set<String> onlyTopics,
        WorkerMode workerMode, Duration scheduleLookBack, Path stateDir, @Nullable ObjectMapper objectMapper,
        List<StreambackObserver> observers) {
    /** The kafka-clients property {@link #sendBlockTimeout()} sets (this package does not use kafka-clients). */
    private static final String MAX_BLOCK_MS = "max.block.ms";

    /** Checks the required settings and copies the collections. */
    public StreambackConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(streams, "streams");
        kafkaProperties = Map.copyOf(kafkaProperties);
        onlyTopics = Set.copyOf(onlyTopics);
        observers = List.copyOf(observers);
        Objects.requireNonNull(sendBlockTimeout, "sendBlockTimeout");
        Objects.requireNonNull(feedbackTimeout, "feedbackTimeout");
        Objects.requireNonNull(feedbackTtl, "feedbackTtl");
        Objects.requireNonNull(feedbackWriteTimeout, "feedbackWriteTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(rescaleInterval, "rescaleInterval");
        Objects.requireNonNull(minWorkerLifetime, "minWorkerLifetime");
        Objects.requireNonNull(workerMode, "workerMode");
        Objects.requireNonNull(scheduleLookBack, "scheduleLookBack");
        Objects.requireNonNull(stateDir, "stateDir");
    }

    /** The streams string with its passwords masked, written from its parsed parts. */
    public String streamsString() {
        try {
            return Secrets.mask(StreamsParser.parse(streams).toString());
        } catch (InvalidStreamsException e) {
            return "(invalid: " + e.getMessage() + ")";
        }
    }

    /** A builder holding these settings, to change some and build another instance. */
    public StreambackBuilder toBuilder() {
        return StreambackBuilder.from(this);
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

    /** Every setting, with the streams string's passwords masked and only the names of kafka properties (they may hold secrets). */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "StreambackConfig{", "}");
        for (RecordComponent component : StreambackConfig.class.getRecordComponents()) {
            Object value = switch (component.getName()) {
                case "streams" -> streamsString();
                case "kafkaProperties" -> kafkaProperties.keySet();
                case "objectMapper" -> objectMapper == null ? "default" : objectMapper.getClass().getName();
                default -> StreambackBuilder.read(component, this);
            };
            text.add(component.getName() + "=" + value);
        }
        return text.toString();
    }
}
