package io.streamback.internal.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The background commits of one consumer, so that one that failed (a rebalance in progress, the
 * coordinator moving) is sent again at the next poll even when no record comes after it: else an
 * idle partition's lag would stay until the next revoke or stop. A failed offset is retried only
 * while it is the newest asked for its partition and the partition stays assigned. Used on the
 * consumer's own thread, where kafka-clients also runs commit callbacks.
 */
final class BackgroundCommits {
    private final Map<TopicPartition, Long> newestAsked = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> toRetry = new HashMap<>();

    /** A commit of {@code offsets} is being sent: it covers earlier failures of those partitions. */
    void asked(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            newestAsked.put(partition, offset.offset());
            toRetry.remove(partition);
        });
    }

    /** The commit of {@code offsets} failed. */
    void failed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Long newest = newestAsked.get(partition);
            if (newest != null && newest == offset.offset()) {
                toRetry.put(partition, offset);
            }
        });
    }

    /** {@code partitions} went to other owners, who commit their own positions. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            newestAsked.remove(partition);
            toRetry.remove(partition);
        });
    }

    /** Whether a failed commit waits to be sent again. */
    boolean hasRetries() {
        return !toRetry.isEmpty();
    }

    /** The failed offsets to send again, of partitions still {@code assigned}, now no longer waiting. */
    Map<TopicPartition, OffsetAndMetadata> takeRetries(Set<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> retries = new HashMap<>(toRetry);
        retries.keySet().retainAll(assigned);
        toRetry.clear();
        return retries;
    }
}
