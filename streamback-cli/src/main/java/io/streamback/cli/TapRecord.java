package io.streamback.cli;

import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One record as {@code listen} prints it: a JSON object with the topic, partition, offset,
 * timestamp, key, headers, the envelope's {@code source_group} and {@code feedback_topic}, and the
 * value. A record that is not a Streamback envelope has {@code error} and its {@code raw} text instead.
 */
final class TapRecord {
    private TapRecord() {
    }

    /** The fields of a record read from the main stream; unknown ones (partition, offset, timestamp) may be null. */
    static Map<String, @Nullable Object> of(String topic, @Nullable Integer partition, @Nullable Long offset,
            @Nullable Instant timestamp, @Nullable String key, Map<String, String> headers, byte[] value) {
        Map<String, @Nullable Object> line = start(topic, partition, offset, timestamp, key, headers);
        try {
            MainEnvelope envelope = WireCodec.decodeMessage(value);
            line.put("source_group", envelope.sourceGroup());
            line.put("feedback_topic", envelope.feedbackTopic());
            line.put("value", envelope.value());
        } catch (RuntimeException notAnEnvelope) {
            line.put("source_group", null);
            line.put("feedback_topic", null);
            line.put("value", null);
            line.put("error", "not a Streamback message: " + LogText.of(notAnEnvelope.getMessage()));
            line.put("raw", new String(value, StandardCharsets.UTF_8));
        }
        return line;
    }

    /** The fields of a message a listener was handed, whose envelope is decoded already. */
    static Map<String, @Nullable Object> of(String topic, @Nullable String key, Map<String, String> headers,
            @Nullable String sourceGroup, @Nullable String feedbackTopic, @Nullable Object value) {
        Map<String, @Nullable Object> line = start(topic, null, null, null, key, headers);
        line.put("source_group", sourceGroup);
        line.put("feedback_topic", feedbackTopic);
        line.put("value", value);
        return line;
    }

    private static Map<String, @Nullable Object> start(String topic, @Nullable Integer partition,
            @Nullable Long offset, @Nullable Instant timestamp, @Nullable String key, Map<String, String> headers) {
        Map<String, @Nullable Object> line = new LinkedHashMap<>();
        line.put("topic", topic);
        line.put("partition", partition);
        line.put("offset", offset);
        line.put("timestamp", timestamp == null ? null : timestamp.toString());
        line.put("key", key);
        line.put("headers", headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
        return line;
    }

    /** The headers as UTF-8 text, in their order; of a name that came twice, the last value. */
    static Map<String, String> text(Map<String, byte[]> headers) {
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, bytes) -> text.put(name, bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8)));
        return text;
    }
}
