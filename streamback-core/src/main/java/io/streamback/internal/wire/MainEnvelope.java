package io.streamback.internal.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message on the main stream.
 *
 * @param value the message itself, any JSON value
 * @param event {@link Events#MESSAGE} for a normal send
 * @param feedbackTopic the Redis list replies go to, or null when the sender set none
 * @param sourceGroup the sender's name
 * @param extras top-level fields this version does not know, kept as they were
 */
public record MainEnvelope(
        @Nullable Object value,
        String event,
        @Nullable String feedbackTopic,
        @Nullable String sourceGroup,
        Map<String, @Nullable Object> extras) {

    /** Validates and copies the fields. */
    public MainEnvelope {
        Objects.requireNonNull(event, "event");
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * The extra field by which a JVM sender says that it expects no feedback: a JVM consumer then
     * writes no end marker and creates no key. Python ignores it and answers as always.
     */
    public static final String EXPECTS_FEEDBACK = "expects_feedback";

    /** Whether the sender expects feedback: true unless {@link #EXPECTS_FEEDBACK} is {@code false}. */
    public boolean expectsFeedback() {
        return !Boolean.FALSE.equals(extras.get(EXPECTS_FEEDBACK));
    }

    /** A send whose sender expects no feedback ({@link #EXPECTS_FEEDBACK} is false); Python still sees a normal send. */
    public static MainEnvelope oneWay(@Nullable Object value, String feedbackTopic, String sourceGroup) {
        return new MainEnvelope(value, Events.MESSAGE, feedbackTopic, sourceGroup, Map.of(EXPECTS_FEEDBACK, false));
    }

    /** A normal send, as Python streamback writes it. */
    public static MainEnvelope message(@Nullable Object value, String feedbackTopic, String sourceGroup) {
        return new MainEnvelope(value, Events.MESSAGE, feedbackTopic, sourceGroup, Map.of());
    }
}
