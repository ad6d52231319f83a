package io.streamback.internal.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param headers record headers in the order they came (Kafka headers; of a name sent twice, the last
 *     value); a header without a value has an empty one
 */
public record InboundRecord(String topic, int partition, long offset, @Nullable String key, byte[] value,
        Map<String, byte[]> headers) {
    /** Checks that topic and value are present and copies the headers, keeping their order. */
    public InboundRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A record without headers. */
    public InboundRecord(String topic, int partition, long offset, @Nullable String key, byte[] value) {
        this(topic, partition, offset, key, value, Map.of());
    }

    /** {@code topic/partition@offset}, for log lines. */
    public String position() {
        return "topic=" + topic + " partition=" + partition + " offset=" + offset;
    }
}
