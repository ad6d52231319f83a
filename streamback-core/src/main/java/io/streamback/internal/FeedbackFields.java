package io.streamback.internal;

import io.streamback.internal.text.LogText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extra text fields of feedback entries: those a record's observers add to every entry written
 * for it ({@code RecordObserver.feedbackFields()}), and those a caller's read finds on an entry. The
 * protocol's own fields are never among them.
 */
final class FeedbackFields {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackFields.class);
    /** The fields of a feedback entry that the protocol defines; an extra field never takes one of these names. */
    static final Set<String> PROTOCOL = Set.of("value", "event", "error", "source_group");
    /** The protocol's fields an observer asked for already, so each is warned about once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private FeedbackFields() {
    }

    /**
     * What a record's observers asked to add, without the fields named like the protocol's (each
     * dropped, with a warning the first time) and those with a null name or value; empty stays the same empty map.
     */
    static Map<String, String> toWrite(Map<String, String> asked) {
        if (asked.isEmpty()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        asked.forEach((name, value) -> {
            if (name == null || value == null) {
                return;
            }
            if (PROTOCOL.contains(name)) {
                if (WARNED.add(name)) {
                    LOG.warn("event=feedback_field_dropped field={} reason=\"a field of the protocol: an observer's"
                            + " feedbackFields() cannot replace it; logged once\"", LogText.of(name));
                }
            } else {
                fields.put(name, value);
            }
        });
        return fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(fields);
    }

    /** The text fields among an entry's {@code extras} (the fields the protocol does not define). */
    static Map<String, String> read(Map<String, @Nullable Object> extras) {
        if (extras.isEmpty()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        extras.forEach((name, value) -> {
            if (value instanceof String text) {
                fields.put(name, text);
            }
        });
        return Collections.unmodifiableMap(fields);
    }
}
