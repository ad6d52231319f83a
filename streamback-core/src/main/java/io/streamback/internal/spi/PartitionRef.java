package io.streamback.internal.spi;

/**
 * One partition of a topic.
 *
 * @param topic the full topic name
 * @param partition the partition number
 */
public record PartitionRef(String topic, int partition) {
    /** The partition {@code record} came from. */
    public static PartitionRef of(InboundRecord record) {
        return new PartitionRef(record.topic(), record.partition());
    }
}
