package io.streamback.internal.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record to send on the main stream.
 *
 * @param topic the full topic name, prefix included
 * @param key the record key, or null
 * @param value the encoded envelope
 * @param headers record headers (Kafka headers; Python ignores them)
 */
public record OutboundRecord(String topic, @Nullable String key, byte[] value, Map<String, byte[]> headers) {
    /** Checks that topic and value are present and copies the headers, keeping their order. */
    public OutboundRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A record without headers. */
    public OutboundRecord(String topic, @Nullable String key, byte[] value) {
        this(topic, key, value, Map.of());
    }
}
