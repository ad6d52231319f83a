package io.streamback.internal;

import io.streamback.StreambackException;
import io.streamback.spi.FeedbackStream;
import io.streamback.wire.Events;
import io.streamback.wire.FeedbackEntry;
import io.streamback.wire.WireCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes replies and end markers of one application to the feedback stream. Writes are
 * asynchronous and stay in order (one pipelined connection); a failed write is logged.
 */
public final class FeedbackWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackWriter.class);

    /** The message thrown when a reply is sent without a feedback stream. */
    public static final String NO_FEEDBACK_STREAM =
            "no feedback stream configured: add feedback=redis://host:port to the streams string";

    private final @Nullable FeedbackStream stream;
    private final String sourceGroup;
    private final Duration ttl;

    /** A writer to {@code stream} (null: none configured) signing entries with {@code sourceGroup}. */
    public FeedbackWriter(@Nullable FeedbackStream stream, String sourceGroup, Duration ttl) {
        this.stream = stream;
        this.sourceGroup = sourceGroup;
        this.ttl = ttl;
    }

    /** Whether a feedback stream is configured. */
    public boolean enabled() {
        return stream != null;
    }

    /**
     * Sends one reply to {@code key}.
     *
     * @throws StreambackException when no feedback stream is configured
     */
    public CompletableFuture<Void> reply(String key, @Nullable Object value) {
        return write(key, FeedbackEntry.response(value, sourceGroup));
    }

    /** Sends one reply made of {@code payload}'s fields, plus {@code event} and {@code source_group}. */
    public CompletableFuture<Void> replyPayload(String key, Map<String, ?> payload) {
        Map<String, @Nullable Object> extras = new LinkedHashMap<>(payload);
        Object value = extras.remove("value");
        extras.remove("event");
        extras.remove("source_group");
        return write(key, new FeedbackEntry(Events.RESPONSE, value, null, sourceGroup, extras));
    }

    /** Sends the end marker to {@code key}, with {@code error} when a listener failed. */
    public CompletableFuture<Void> end(String key, @Nullable String error) {
        return write(key, FeedbackEntry.end(error, sourceGroup));
    }

    private CompletableFuture<Void> write(String key, FeedbackEntry entry) {
        if (stream == null) {
            throw new StreambackException(NO_FEEDBACK_STREAM);
        }
        String json = WireCodec.encode(entry);
        return stream.push(key, json, ttl).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("event=feedback_write_failed feedback_topic={} entry={} error={}", key, entry.event(),
                        error.toString());
            }
        });
    }
}
