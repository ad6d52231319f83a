package io.streamback.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record to send on the main stream.
 *
 * @param topic the full topic name, prefix included
 * @param key the record key, or null
 * @param value the encoded envelope
 */
public record OutboundRecord(String topic, @Nullable String key, byte[] value) {
    /** Checks that topic and value are present. */
    public OutboundRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }
}
