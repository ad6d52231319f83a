package io.streamback.internal;

import org.jspecify.annotations.Nullable;

/** The topics prefix rule: with prefix {@code P}, topic {@code T} is {@code P.T} unless it already starts with {@code P.}. */
public final class Topics {
    private final @Nullable String prefix;

    /** Topics under {@code prefix}, or unprefixed when null. */
    public Topics(@Nullable String prefix) {
        this.prefix = prefix;
    }

    /** The full topic name on the stream. */
    public String full(String topic) {
        if (prefix == null || topic.startsWith(prefix + ".")) {
            return topic;
        }
        return prefix + "." + topic;
    }

    /** The topic name as the application knows it, without the prefix. */
    public String local(String fullTopic) {
        if (prefix != null && fullTopic.startsWith(prefix + ".")) {
            return fullTopic.substring(prefix.length() + 1);
        }
        return fullTopic;
    }
}
