package io.streamback.internal.kafka;

import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.MainConsumer;
import io.streamback.internal.spi.PartitionRef;
import io.streamback.internal.spi.RebalanceListener;
import io.streamback.internal.text.LogText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Kafka consumer, owned by one worker thread. */
final class KafkaMainConsumer implements MainConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMainConsumer.class);

    private static final byte[] NO_VALUE = new byte[0];

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ClientBindings bindings;
    private final BackgroundCommits backgroundCommits = new BackgroundCommits();

    KafkaMainConsumer(KafkaConsumer<byte[], byte[]> consumer, Collection<String> topics, RebalanceListener onRevoke,
            ClientBindings bindings) {
        this.consumer = consumer;
        this.bindings = bindings;
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                backgroundCommits.forget(partitions);
                if (!partitions.isEmpty()) {
                    onRevoke.revoked(refs(partitions));
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // a partition assigned anew is fetched: a retry that paused it was dropped when it was revoked
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                backgroundCommits.forget(partitions);
                if (!partitions.isEmpty()) {
                    onRevoke.revoked(refs(partitions));
                }
            }
        });
    }

    private static List<PartitionRef> refs(Collection<TopicPartition> partitions) {
        return partitions.stream().map(p -> new PartitionRef(p.topic(), p.partition())).toList();
    }

    @Override
    public List<InboundRecord> poll(Duration timeout) {
        List<InboundRecord> records = new ArrayList<>();
        if (backgroundCommits.hasRetries()) { // assignment() copies a set: not on every poll
            Map<TopicPartition, OffsetAndMetadata> retries = backgroundCommits.takeRetries(consumer.assignment());
            if (!retries.isEmpty()) {
                commitInBackground(retries);
            }
        }
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                records.add(new InboundRecord(record.topic(), record.partition(), record.offset(),
                        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        record.value() == null ? new byte[0] : record.value(), headers(record.headers())));
            }
        } catch (WakeupException e) {
            // woken up on purpose: return what we have
        }
        return records;
    }

    /** The record's headers by name, in order; of a name that repeats, the last value wins. */
    private static Map<String, byte[]> headers(Headers headers) {
        Header[] all = headers.toArray();
        if (all.length == 0) {
            return Map.of();
        }
        Map<String, byte[]> byName = new LinkedHashMap<>();
        for (Header header : all) {
            byName.put(header.key(), header.value() == null ? NO_VALUE : header.value());
        }
        return byName;
    }

    @Override
    public void rewind(Map<PartitionRef, Long> offsets) {
        Set<TopicPartition> assigned = consumer.assignment();
        offsets.forEach((partition, offset) -> {
            TopicPartition topicPartition = new TopicPartition(partition.topic(), partition.partition());
            if (assigned.contains(topicPartition)) {
                consumer.seek(topicPartition, offset);
            }
        });
    }

    @Override
    public void commit(Collection<InboundRecord> processed, boolean sync) {
        if (processed.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (InboundRecord record : processed) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (sync) {
            backgroundCommits.asked(offsets);
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                consumer.commitSync(offsets); // a wakeup meant for poll() landed here: the commit still counts
            }
        } else {
            commitInBackground(offsets);
        }
    }

    private void commitInBackground(Map<TopicPartition, OffsetAndMetadata> offsets) {
        backgroundCommits.asked(offsets);
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                backgroundCommits.failed(offsets);
                // the callback's map is null on failure: log what was asked for
                LOG.warn("event=commit_failed offsets={} error={} action=\"committed again at the next poll,"
                        + " and synchronously on revoke and stop\"", positions(offsets), LogText.of(error));
            }
        });
    }

    private static String positions(Map<TopicPartition, OffsetAndMetadata> offsets) {
        StringBuilder text = new StringBuilder();
        offsets.forEach((partition, offset) -> text.append(text.length() == 0 ? "" : ",").append(partition)
                .append('@').append(offset.offset()));
        return text.toString();
    }

    @Override
    public void pause(Collection<PartitionRef> partitions) {
        consumer.pause(assigned(partitions, consumer.assignment()));
    }

    @Override
    public void resume(Collection<PartitionRef> partitions) {
        consumer.resume(assigned(partitions, consumer.paused()));
    }

    /** Those of {@code partitions} in {@code among}: pausing or resuming another one throws. */
    private static List<TopicPartition> assigned(Collection<PartitionRef> partitions, Set<TopicPartition> among) {
        return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).filter(among::contains)
                .toList();
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        bindings.close();
        consumer.close();
    }
}
