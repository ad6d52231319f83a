package io.streamback.internal.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a feedback list: a reply or an end marker.
 *
 * @param event one of the {@code RESPONSE*} values of {@link Events}
 * @param value the reply, for {@link Events#RESPONSE}
 * @param error the remote error text, for {@link Events#RESPONSE_END_WITH_ERROR}
 * @param sourceGroup the consumer group that wrote the entry
 * @param extras top-level fields this version does not know, kept as they were
 */
public record FeedbackEntry(
        String event,
        @Nullable Object value,
        @Nullable String error,
        @Nullable String sourceGroup,
        Map<String, @Nullable Object> extras) {

    /** Validates and copies the fields. */
    public FeedbackEntry {
        Objects.requireNonNull(event, "event");
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** A reply carrying {@code value}. */
    public static FeedbackEntry response(@Nullable Object value, String sourceGroup) {
        return new FeedbackEntry(Events.RESPONSE, value, null, sourceGroup, Map.of());
    }

    /** A reply carrying {@code value} and the extra text {@code fields} (none named like a field of the protocol). */
    public static FeedbackEntry response(@Nullable Object value, String sourceGroup, Map<String, String> fields) {
        return new FeedbackEntry(Events.RESPONSE, value, null, sourceGroup, new LinkedHashMap<>(fields));
    }

    /** The end marker; with a non-null {@code error} it is the error end marker. */
    public static FeedbackEntry end(@Nullable String error, String sourceGroup) {
        return end(error, sourceGroup, Map.of());
    }

    /** The end marker with the extra text {@code fields} (none named like a field of the protocol). */
    public static FeedbackEntry end(@Nullable String error, String sourceGroup, Map<String, String> fields) {
        String event = error == null ? Events.RESPONSE_END : Events.RESPONSE_END_WITH_ERROR;
        return new FeedbackEntry(event, null, error, sourceGroup, new LinkedHashMap<>(fields));
    }

    /** Whether this entry ends the stream of its source group. */
    public boolean isEnd() {
        return Events.RESPONSE_END.equals(event) || Events.RESPONSE_END_WITH_ERROR.equals(event);
    }

    /** Whether this entry is a reply. */
    public boolean isResponse() {
        return Events.RESPONSE.equals(event);
    }
}
