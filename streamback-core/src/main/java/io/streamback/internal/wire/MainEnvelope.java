package io.streamback.internal.wire;

import java.time.Instant;
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

    /**
     * The extra field holding a request's deadline: an integer, milliseconds since the epoch (UTC),
     * after which a JVM consumer no longer runs the request's listeners. Python ignores it, and a
     * message without it (every Python sender's) has no deadline. Prefixed because Python copies a
     * caller's {@code payload} dict into the envelope, where a plain {@code deadline} could be theirs.
     */
    public static final String DEADLINE = "streamback_deadline_ms";

    /** Whether the sender expects feedback: true unless {@link #EXPECTS_FEEDBACK} is {@code false}. */
    public boolean expectsFeedback() {
        return !Boolean.FALSE.equals(extras.get(EXPECTS_FEEDBACK));
    }

    /**
     * The sender's deadline ({@link #DEADLINE}), or null when it set none. A fraction of a
     * millisecond is cut; a field that is not a number within 64 bits counts as none, so the message
     * is handled as Python would handle it.
     */
    public @Nullable Instant deadline() {
        Object millis = extras.get(DEADLINE);
        if (millis instanceof Integer || millis instanceof Long) {
            return Instant.ofEpochMilli(((Number) millis).longValue());
        }
        if (millis instanceof Number number) { // a fraction, or an integer Jackson read as a big one
            double value = number.doubleValue();
            return Math.abs(value) < Long.MAX_VALUE ? Instant.ofEpochMilli((long) value) : null;
        }
        return null;
    }

    /** A send whose sender expects no feedback ({@link #EXPECTS_FEEDBACK} is false); Python still sees a normal send. */
    public static MainEnvelope oneWay(@Nullable Object value, String feedbackTopic, String sourceGroup) {
        return oneWay(value, feedbackTopic, sourceGroup, null);
    }

    /** {@link #oneWay(Object, String, String)} with a {@link #DEADLINE}, unless {@code deadline} is null. */
    public static MainEnvelope oneWay(@Nullable Object value, String feedbackTopic, String sourceGroup,
            @Nullable Instant deadline) {
        Map<String, @Nullable Object> extras = new LinkedHashMap<>();
        extras.put(EXPECTS_FEEDBACK, false);
        putDeadline(extras, deadline);
        return new MainEnvelope(value, Events.MESSAGE, feedbackTopic, sourceGroup, extras);
    }

    /** A normal send, as Python streamback writes it. */
    public static MainEnvelope message(@Nullable Object value, String feedbackTopic, String sourceGroup) {
        return message(value, feedbackTopic, sourceGroup, null);
    }

    /** A normal send with a {@link #DEADLINE}, unless {@code deadline} is null (then exactly Python's). */
    public static MainEnvelope message(@Nullable Object value, String feedbackTopic, String sourceGroup,
            @Nullable Instant deadline) {
        Map<String, @Nullable Object> extras = new LinkedHashMap<>();
        putDeadline(extras, deadline);
        return new MainEnvelope(value, Events.MESSAGE, feedbackTopic, sourceGroup, extras);
    }

    private static void putDeadline(Map<String, @Nullable Object> extras, @Nullable Instant deadline) {
        if (deadline != null) {
            extras.put(DEADLINE, deadline.toEpochMilli());
        }
    }
}
