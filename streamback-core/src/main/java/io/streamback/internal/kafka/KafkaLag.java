package io.streamback.internal.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Consumer lag of a group through the Admin API: end offsets minus committed offsets. */
final class KafkaLag {
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final boolean fromEarliest;

    /** {@code fromEarliest}: a partition without a commit lags by all it holds ({@code auto.offset.reset=earliest}). */
    KafkaLag(Admin admin, boolean fromEarliest) {
        this.admin = admin;
        this.fromEarliest = fromEarliest;
    }

    long of(String group, Collection<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = partitions(topics);
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Set<TopicPartition> uncommitted = new HashSet<>(partitions);
        uncommitted.removeIf(p -> committed.get(p) != null);
        Map<TopicPartition, Long> starts = fromEarliest && !uncommitted.isEmpty()
                ? offsets(uncommitted, OffsetSpec.earliest()) : Map.of();
        long lag = 0;
        for (TopicPartition partition : partitions) {
            long end = ends.getOrDefault(partition, 0L);
            OffsetAndMetadata commit = committed.get(partition);
            long position = commit != null ? commit.offset() : starts.getOrDefault(partition, end);
            lag += Math.max(0, end - position);
        }
        return lag;
    }

    private Set<TopicPartition> partitions(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        var described = admin.describeTopics(topics).topicNameValues();
        for (var entry : described.entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                description.partitions().forEach(p -> partitions.add(new TopicPartition(entry.getKey(), p.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }
}
