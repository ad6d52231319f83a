package io.streamback.ext;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message about to be sent, as {@link StreambackObserver#onRequest} sees it.
 *
 * @param application the sending application's name
 * @param topic the topic, without the topics prefix
 * @param key the record key, or null
 * @param headers the headers the caller gave (the observers' are added after)
 * @param deadline the request's deadline, or null for none
 * @param expectsFeedback false for {@code sendOneWay}: no reply nor end marker will come
 * @param feedbackTopic the Redis list its replies come back on
 */
public record RequestInfo(String application, String topic, @Nullable String key, Map<String, String> headers,
        @Nullable Instant deadline, boolean expectsFeedback, String feedbackTopic) {
    /** Checks the required fields and copies the headers. */
    public RequestInfo {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(feedbackTopic, "feedbackTopic");
        headers = Map.copyOf(headers);
    }
}
