package io.streamback.cli;

import io.streamback.cli.ExecutionErrors.CommandFailure;
import io.streamback.cli.ExecutionErrors.Failure;
import io.streamback.internal.Topics;
import io.streamback.internal.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/** A {@link Tap} on Kafka: a consumer without a group that assigns itself every partition of the topics. */
final class KafkaTap implements Tap {
    /** How often topics that do not exist yet are looked for. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaSettings settings;
    private final Topics topics;
    private final StartPosition from;
    private final Duration apiTimeout;
    private final boolean exitAtEnd;
    private final PrintWriter err;
    private final Set<String> missing = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final List<TopicPartition> assigned = new ArrayList<>();
    private long lookedAt;

    /**
     * A tap of {@code localTopics} (without the topics prefix), positioned at {@code from}.
     *
     * @param apiTimeout how long to wait for the brokers to answer before giving up, naming them
     * @param exitAtEnd whether the caller stops at the end: topics that do not exist are then not waited for
     * @throws CommandFailure when no broker answers within {@code apiTimeout}
     */
    KafkaTap(KafkaSettings settings, Topics topics, List<String> localTopics, StartPosition from, Duration apiTimeout,
            boolean exitAtEnd, PrintWriter err) {
        this.settings = settings;
        this.topics = topics;
        this.from = from;
        this.apiTimeout = apiTimeout;
        this.exitAtEnd = exitAtEnd;
        this.err = err;
        Map<String, Object> props = new LinkedHashMap<>(settings.clientProperties());
        props.putAll(settings.properties());
        props.remove("max.block.ms");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamback-cli-tap");
        props.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, ConnectionOptions.NO_METRIC_REPORTERS);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(apiTimeout.toMillis()));
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(apiTimeout.toMillis(), 1000)));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            for (String topic : localTopics) {
                missing.add(topics.full(topic));
            }
            lookForTopics(true);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Assigns the partitions of the topics that exist now; {@code first} at the start, where {@link #from} applies to all. */
    private void lookForTopics(boolean first) {
        lookedAt = System.nanoTime();
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : List.copyOf(missing)) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, apiTimeout);
            } catch (TimeoutException e) {
                throw new CommandFailure(new Failure(ExitCodes.FAILURE, noBroker()));
            } catch (KafkaException e) {
                throw new CommandFailure(new Failure(ExitCodes.FAILURE, "cannot read topic " + topics.local(topic)
                        + " from the Kafka brokers at " + servers() + ": " + e.getMessage()));
            }
            if (partitions == null || partitions.isEmpty()) {
                if (first) {
                    err.println("topic " + topics.local(topic) + " does not exist"
                            + (exitAtEnd ? ": nothing to read" : " yet: it is read from its beginning once it does"));
                    err.flush();
                }
                if (exitAtEnd) {
                    missing.remove(topic);
                }
                continue;
            }
            missing.remove(topic);
            partitions.forEach(p -> found.add(new TopicPartition(p.topic(), p.partition())));
        }
        if (found.isEmpty()) {
            return;
        }
        assigned.addAll(found);
        consumer.assign(assigned);
        // a topic that appeared after the start holds only new records: all of them are read
        seek(found, first ? from : new StartPosition.Beginning());
        ends.putAll(consumer.endOffsets(found, apiTimeout));
        for (TopicPartition partition : found) {
            consumer.position(partition, apiTimeout); // resolve the seek now, not at the first poll
        }
    }

    private void seek(List<TopicPartition> partitions, StartPosition start) {
        if (start instanceof StartPosition.Beginning) {
            consumer.seekToBeginning(partitions);
        } else if (start instanceof StartPosition.End) {
            consumer.seekToEnd(partitions);
        } else if (start instanceof StartPosition.Time time) {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(p -> at.put(p, time.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at, apiTimeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, apiTimeout);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
            }
        } else {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, apiTimeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, apiTimeout);
            for (TopicPartition partition : partitions) {
                long first = begin.get(partition);
                long last = end.get(partition);
                long wanted = start instanceof StartPosition.Offset offset ? offset.offset()
                        : last - ((StartPosition.LastRecords) start).count();
                consumer.seek(partition, Math.max(first, Math.min(wanted, last)));
            }
        }
    }

    @Override
    public List<Map<String, @Nullable Object>> poll(Duration timeout) {
        if (!missing.isEmpty() && System.nanoTime() - lookedAt > LOOK_AGAIN.toNanos()) {
            lookForTopics(false);
        }
        if (assigned.isEmpty()) {
            sleep(timeout);
            return List.of();
        }
        List<Map<String, @Nullable Object>> lines = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                lines.add(line(record));
            }
        } catch (WakeupException e) {
            return lines;
        }
        return lines;
    }

    private Map<String, @Nullable Object> line(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        Instant timestamp = record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0 ? null
                : Instant.ofEpochMilli(record.timestamp());
        return TapRecord.of(topics.local(record.topic()), record.partition(), record.offset(), timestamp, record.key(),
                TapRecord.text(headers), record.value() == null ? new byte[0] : record.value());
    }

    @Override
    public boolean atEnd() {
        if (!missing.isEmpty()) {
            return false;
        }
        for (TopicPartition partition : assigned) {
            if (consumer.position(partition, apiTimeout) < ends.getOrDefault(partition, 0L)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    private void sleep(Duration timeout) {
        try {
            Thread.sleep(Math.min(timeout.toMillis(), 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String servers() {
        return String.join(",", settings.bootstrapServers());
    }

    private String noBroker() {
        return "no Kafka broker answered within " + Stopwatch.duration(apiTimeout) + "; none of the bootstrap servers "
                + servers() + " could be reached: check that a broker runs there, that this host can reach it"
                + " (main=kafka://host:port in the streams string) and that it listens with the security protocol"
                + " this client uses (--connect-timeout waits longer)";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
