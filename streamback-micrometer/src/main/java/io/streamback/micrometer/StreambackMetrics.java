package io.streamback.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.streamback.StreambackBuilder;
import io.streamback.ext.StreambackObserver;
import java.util.Objects;

/**
 * Micrometer meters for Streamback instances: give {@link #of(MeterRegistry)} (or a
 * {@link #builder(MeterRegistry)}'s result) to {@link StreambackBuilder#observe(StreambackObserver)}.
 *
 * <pre>{@code
 * Streamback streamback = Streamback.builder("shop")
 *         .streams(streams)
 *         .observe(StreambackMetrics.builder(registry)
 *                 .kafkaClientMetrics(true)     // KafkaClientMetrics of the producer, consumers and admin
 *                 .lettuceMetrics(true)         // Lettuce's command latencies
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Meters (every one tagged {@code application}, the instance's name, plus the tags given to the
 * builder):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>more tags</th><th>what</th></tr>
 *   <tr><td>{@code streamback.requests}</td><td>counter</td><td>topic, result ({@code sent}, {@code not_sent})</td>
 *       <td>messages sent ({@code send} and {@code sendOneWay}), by whether the main stream took them</td></tr>
 *   <tr><td>{@code streamback.rpc.first.reply}</td><td>timer</td><td>topic, group</td>
 *       <td>from {@code send} until a read took the request's first reply</td></tr>
 *   <tr><td>{@code streamback.rpc.end}</td><td>timer</td><td>topic, group, result ({@code ok}, {@code error},
 *       {@code expired})</td><td>from {@code send} until a read took the end marker</td></tr>
 *   <tr><td>{@code streamback.rpc.replies}</td><td>counter</td><td>topic, group</td><td>replies read</td></tr>
 *   <tr><td>{@code streamback.rpc.remote.errors}</td><td>counter</td><td>topic, group</td>
 *       <td>error end markers read: a listener of the group failed</td></tr>
 *   <tr><td>{@code streamback.rpc.expired}</td><td>counter</td><td>topic, group</td>
 *       <td>requests the consumer got after their deadline ({@code DeadlineExceeded})</td></tr>
 *   <tr><td>{@code streamback.rpc.timeouts}</td><td>counter</td><td>topic</td>
 *       <td>reads that waited their idle timeout for nothing</td></tr>
 *   <tr><td>{@code streamback.rpc.reads.waiting}</td><td>gauge</td><td></td><td>reads waiting for a reply now</td></tr>
 *   <tr><td>{@code streamback.feedback.writes.outstanding}</td><td>gauge</td><td></td>
 *       <td>replies and end markers on their way to Redis now</td></tr>
 *   <tr><td>{@code streamback.listener.duration}</td><td>timer</td><td>group, topic, listener, result
 *       ({@code success}, {@code retry}, {@code failure})</td><td>each listener call</td></tr>
 *   <tr><td>{@code streamback.records.processed}</td><td>counter</td><td>group, topic</td>
 *       <td>records done with, whatever the outcome (as {@code WorkerSnapshot.processed})</td></tr>
 *   <tr><td>{@code streamback.records.failed}</td><td>counter</td><td>group, topic</td>
 *       <td>records a listener failed on for good, after its retries</td></tr>
 *   <tr><td>{@code streamback.records.given.up}</td><td>counter</td><td>group, topic</td>
 *       <td>records that killed two workers and were given up</td></tr>
 *   <tr><td>{@code streamback.records.expired}</td><td>counter</td><td>group, topic</td>
 *       <td>requests not run because their deadline had passed</td></tr>
 *   <tr><td>{@code streamback.listener.retries}</td><td>counter</td><td>group, topic, listener</td>
 *       <td>failed calls that are tried again</td></tr>
 *   <tr><td>{@code streamback.records.dead.lettered}</td><td>counter</td><td>group, topic, listener</td>
 *       <td>records sent to the listener's dead-letter topic</td></tr>
 *   <tr><td>{@code streamback.workers}</td><td>gauge</td><td>group, worker.group</td><td>live workers of each worker group</td></tr>
 *   <tr><td>{@code streamback.lag}</td><td>gauge</td><td>group, worker.group</td>
 *       <td>records waiting, as the autoscaler last read them (-1 before the first read)</td></tr>
 * </table>
 *
 * <p>{@code group} is the consumer group (the one that replied, on the caller's side);
 * {@code topic} is without the topics prefix. Gauges are removed when the instance closes. In
 * process mode the consumer-side meters live in each child JVM's registry.
 */
public final class StreambackMetrics {
    private StreambackMetrics() {
    }

    /** Streamback's own meters in {@code registry}, without the clients' metrics. */
    public static StreambackObserver of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /** A builder of meters in {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    /** Chooses what is measured; by default Streamback's own meters only. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private boolean kafkaClientMetrics;
        private boolean lettuceMetrics;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /** Tags added to every meter, Streamback's and the clients'. Default none. */
        public Builder tags(Iterable<Tag> extra) {
            this.tags = this.tags.and(Objects.requireNonNull(extra, "extra"));
            return this;
        }

        /**
         * Whether the metrics of the instance's Kafka clients (producer, each worker's consumer,
         * admin) are bound to the registry too, with Micrometer's {@code KafkaClientMetrics}
         * ({@code kafka.producer.*}, {@code kafka.consumer.*}, {@code kafka.admin.client.*}), from
         * when each client is created until it is closed. Default false.
         */
        public Builder kafkaClientMetrics(boolean enabled) {
            this.kafkaClientMetrics = enabled;
            return this;
        }

        /**
         * Whether Lettuce records its command latencies in the registry
         * ({@code lettuce.command.completion}, {@code lettuce.command.firstresponse}, per command
         * and server), with Lettuce's {@code MicrometerCommandLatencyRecorder}. Default false.
         */
        public Builder lettuceMetrics(boolean enabled) {
            this.lettuceMetrics = enabled;
            return this;
        }

        /** The observer to give {@link StreambackBuilder#observe(StreambackObserver)}; one may serve several instances. */
        public StreambackObserver build() {
            return new MeteringObserver(registry, tags, kafkaClientMetrics, lettuceMetrics);
        }
    }
}
