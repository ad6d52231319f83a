package io.streamback.internal;

import io.streamback.FeedbackUnavailableException;
import io.streamback.Message;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A message decoded from a main-stream record, with replies going to its feedback topic. */
public final class InboundMessage implements Message {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMessage.class);

    private final MainEnvelope envelope;
    private final String topic;
    private final @Nullable String key;
    private final Map<String, String> headers;
    private final FeedbackWriter writer;
    private final JsonValues values;
    private final @Nullable RecordWrites writes;
    private final AtomicBoolean warnedNoReplyKey = new AtomicBoolean();

    /** A message from {@code topic} (without prefix), without headers, answering through {@code writer}, mapped by {@code values}. */
    public InboundMessage(MainEnvelope envelope, String topic, @Nullable String key, FeedbackWriter writer,
            JsonValues values) {
        this(envelope, topic, key, Map.of(), writer, values, null);
    }

    /** The same with the record's {@code headers}, and every reply's write added to {@code writes}. */
    InboundMessage(MainEnvelope envelope, String topic, @Nullable String key, Map<String, byte[]> headers,
            FeedbackWriter writer, JsonValues values, @Nullable RecordWrites writes) {
        this.envelope = envelope;
        this.topic = topic;
        this.key = key;
        this.headers = text(headers);
        this.writer = writer;
        this.values = values;
        this.writes = writes;
    }

    /** The headers as UTF-8 text, malformed bytes replaced by U+FFFD, in their order. */
    private static Map<String, String> text(Map<String, byte[]> headers) {
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, value) -> text.put(name, new String(value, StandardCharsets.UTF_8)));
        return Collections.unmodifiableMap(text);
    }

    /**
     * The feedback topic if it is safe to write to ({@code streamback_feedback_} and a UUID) and the
     * sender expects feedback; else null.
     */
    public @Nullable String replyKey() {
        return replyKey(envelope);
    }

    /** The feedback topic of {@code envelope} if it is safe to write to and feedback is expected, else null. */
    static @Nullable String replyKey(MainEnvelope envelope) {
        String feedbackTopic = envelope.feedbackTopic();
        return feedbackTopic != null && envelope.expectsFeedback() && FeedbackKeys.isValid(feedbackTopic)
                ? feedbackTopic : null;
    }

    @Override
    public @Nullable Object value() {
        return envelope.value();
    }

    @Override
    public @Nullable String key() {
        return key;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public @Nullable String sourceGroup() {
        return envelope.sourceGroup();
    }

    @Override
    public @Nullable String feedbackTopic() {
        return envelope.feedbackTopic();
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public @Nullable Instant deadline() {
        return envelope.deadline();
    }

    @Override
    public <T> @Nullable T map(Class<T> type) {
        return values.convert(envelope.value(), type);
    }

    /** The mapping of the application that received this message, for what its listeners are given. */
    JsonValues values() {
        return values;
    }

    @Override
    public void respond(@Nullable Object value) {
        String replyKey = checkedReplyKey();
        if (replyKey != null) {
            reply(replyKey, writer.replyEntry(value, feedbackFields()));
        }
    }

    @Override
    public void respondPayload(Map<String, ?> payload) {
        Objects.requireNonNull(payload, "payload");
        String replyKey = checkedReplyKey();
        if (replyKey != null) {
            reply(replyKey, writer.replyPayloadEntry(payload, feedbackFields()));
        }
    }

    /** The extra fields its record's observers add to every reply. */
    private Map<String, String> feedbackFields() {
        return writes == null ? Map.of() : writes.feedbackFields();
    }

    private void reply(String replyKey, String entry) {
        writer.reserve();
        if (writes != null) {
            writes.reply(writer, replyKey, entry);
        } else {
            writer.pushReserved(replyKey, List.of(entry));
        }
    }

    /** The key to reply to; null (after one warning) when the message has no valid one or expects no feedback. */
    private @Nullable String checkedReplyKey() {
        if (!writer.enabled()) {
            throw new FeedbackUnavailableException(FeedbackWriter.NO_FEEDBACK_STREAM);
        }
        if (!envelope.expectsFeedback()) {
            if (warnedNoReplyKey.compareAndSet(false, true)) {
                LOG.warn("event=reply_dropped topic={} reason=\"the sender expects no feedback\"", topic);
            }
            return null;
        }
        String replyKey = replyKey();
        if (replyKey == null && warnedNoReplyKey.compareAndSet(false, true)) {
            LOG.warn("event=reply_dropped topic={} reason=\"no valid feedback_topic\" feedback_topic={}", topic,
                    LogText.of(envelope.feedbackTopic()));
        }
        return replyKey;
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", key=" + key + ", source_group=" + envelope.sourceGroup() + "}";
    }
}
