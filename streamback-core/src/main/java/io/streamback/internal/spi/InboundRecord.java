package io.streamback.internal.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record received from the main stream.
 *
 * @param topic the full topic name, prefix included
 * @param partition the partition it came from
 * @param offset its offset in the partition
 * @param key the record key as UTF-8 text, or null
 * @param value the raw bytes of the record value (may be empty for a null value)
 */
public record InboundRecord(String topic, int partition, long offset, @Nullable String key, byte[] value) {
    /** Checks that topic and value are present. */
    public InboundRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /** {@code topic/partition@offset}, for log lines. */
    public String position() {
        return "topic=" + topic + " partition=" + partition + " offset=" + offset;
    }
}
