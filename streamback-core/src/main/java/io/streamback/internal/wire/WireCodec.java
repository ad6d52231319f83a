package io.streamback.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamback.internal.text.LogText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the two envelopes of the protocol. Field order follows Python's output; a
 * reader compares JSON values, not bytes. Unknown fields survive a decode/encode round trip.
 *
 * <p>The envelope is the library's, so it has a mapper of its own that no one else reaches: only
 * its immutable reader and writer are kept. The values inside are the application's: callers hand
 * them over as plain JSON values ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, null), already mapped by the application's mapper, and get them back so.
 * Integers beyond 64 bits decode as {@link java.math.BigInteger}.
 */
public final class WireCodec {
    private static final ObjectReader OBJECT_READER;
    private static final ObjectWriter OBJECT_WRITER;

    static {
        ObjectMapper envelopes = JsonMapper.builder().build();
        OBJECT_READER = envelopes.readerFor(new TypeReference<LinkedHashMap<String, @Nullable Object>>() {
        });
        OBJECT_WRITER = envelopes.writer();
    }

    private static final String VALUE = "value";
    private static final String EVENT = "event";
    private static final String FEEDBACK_TOPIC = "feedback_topic";
    private static final String SOURCE_GROUP = "source_group";
    private static final String ERROR = "error";

    private WireCodec() {
    }

    /** The UTF-8 JSON bytes of a main-stream record value. */
    public static byte[] encode(MainEnvelope envelope) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put(VALUE, envelope.value());
        json.put(EVENT, envelope.event());
        json.put(FEEDBACK_TOPIC, envelope.feedbackTopic());
        json.put(SOURCE_GROUP, envelope.sourceGroup());
        putExtras(json, envelope.extras());
        try {
            return OBJECT_WRITER.writeValueAsBytes(json); // UTF-8 straight away, without a String between
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON text of a feedback entry, as pushed to the Redis list. */
    public static String encode(FeedbackEntry entry) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        if (entry.isEnd()) {
            json.put(EVENT, entry.event());
            json.put(ERROR, entry.error());
        } else {
            json.put(VALUE, entry.value());
            json.put(EVENT, entry.event());
        }
        json.put(SOURCE_GROUP, entry.sourceGroup());
        putExtras(json, entry.extras());
        return write(json);
    }

    /**
     * Decodes a main-stream record value.
     *
     * @throws MalformedRecordException when the bytes are not UTF-8 JSON holding an object
     */
    public static MainEnvelope decodeMessage(byte[] bytes) {
        Map<String, @Nullable Object> json = readObject(bytes);
        Object value = json.remove(VALUE);
        String event = text(json.remove(EVENT), EVENT);
        String feedbackTopic = text(json.remove(FEEDBACK_TOPIC), FEEDBACK_TOPIC);
        String sourceGroup = text(json.remove(SOURCE_GROUP), SOURCE_GROUP);
        return new MainEnvelope(value, event == null ? Events.MESSAGE : event, feedbackTopic, sourceGroup, json);
    }

    /**
     * Decodes one feedback list entry.
     *
     * @throws MalformedRecordException when the text is not a JSON object with an {@code event}
     */
    public static FeedbackEntry decodeFeedback(String text) {
        Map<String, @Nullable Object> json = readObject(text.getBytes(StandardCharsets.UTF_8));
        Object value = json.remove(VALUE);
        String event = text(json.remove(EVENT), EVENT);
        if (event == null) {
            throw new MalformedRecordException("feedback entry has no \"event\" field: " + LogText.of(text));
        }
        Object error = json.remove(ERROR);
        String sourceGroup = text(json.remove(SOURCE_GROUP), SOURCE_GROUP);
        return new FeedbackEntry(event, value, error == null ? null : error.toString(), sourceGroup, json);
    }

    private static void putExtras(Map<String, @Nullable Object> json, Map<String, @Nullable Object> extras) {
        extras.forEach(json::putIfAbsent);
    }

    private static String write(Map<String, @Nullable Object> json) {
        try {
            return OBJECT_WRITER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, @Nullable Object> readObject(byte[] bytes) {
        if (bytes.length == 0 || firstNonBlank(bytes) != '{') {
            throw new MalformedRecordException("not a JSON object: " + LogText.of(new String(bytes, StandardCharsets.UTF_8)));
        }
        try {
            return OBJECT_READER.readValue(bytes);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new MalformedRecordException("not valid UTF-8 JSON: " + LogText.of(reason), e);
        }
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

    private static @Nullable String text(@Nullable Object value, String field) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new MalformedRecordException("field \"" + field + "\" must be a string, got " + LogText.of(value));
    }
}
