package io.streamback.internal;

import io.streamback.FeedbackUnavailableException;
import io.streamback.StreambackException;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes replies and end markers of one application to the feedback stream. Writes are
 * asynchronous and stay in order; at most {@code maxPending} are on their way at once, beyond
 * which a writer waits, so a slow or absent Redis slows consumers down instead of filling the heap.
 * The futures it returns fail when the stream gave up on a write; callers decide what that means
 * for their record.
 */
public final class FeedbackWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackWriter.class);

    /** The message thrown when a reply is sent without a feedback stream. */
    public static final String NO_FEEDBACK_STREAM =
            "no feedback stream configured: add feedback=redis://host:port to the streams string";

    private final @Nullable FeedbackStream stream;
    private final String sourceGroup;
    private final Duration ttl;
    private final Semaphore pending;
    private final int maxPending;
    private final String endOk;
    private final JsonValues values;

    /**
     * A writer to {@code stream} (null: none configured) signing entries with {@code sourceGroup},
     * with at most {@code maxPending} writes on their way; replies are mapped by {@code values}.
     */
    public FeedbackWriter(@Nullable FeedbackStream stream, String sourceGroup, Duration ttl, int maxPending,
            JsonValues values) {
        this.stream = stream;
        this.sourceGroup = sourceGroup;
        this.ttl = ttl;
        this.pending = new Semaphore(maxPending);
        this.maxPending = maxPending;
        this.endOk = WireCodec.encode(FeedbackEntry.end(null, sourceGroup));
        this.values = values;
    }

    /** Replies and end markers on their way to the feedback stream now. */
    int outstanding() {
        return maxPending - pending.availablePermits();
    }

    /** Whether a feedback stream is configured. */
    public boolean enabled() {
        return stream != null;
    }

    /**
     * Sends one reply to {@code key}.
     *
     * @throws io.streamback.FeedbackUnavailableException when no feedback stream is configured
     * @throws io.streamback.MappingException when the application's mapper cannot write {@code value}
     */
    public CompletableFuture<Void> reply(String key, @Nullable Object value) {
        return write(key, Events.RESPONSE, replyEntry(value));
    }

    /** Sends one reply made of {@code payload}'s fields, plus {@code event} and {@code source_group}. */
    public CompletableFuture<Void> replyPayload(String key, Map<String, ?> payload) {
        return write(key, Events.RESPONSE, replyPayloadEntry(payload));
    }

    /**
     * The entry of a reply with {@code value}.
     *
     * @throws io.streamback.MappingException when the application's mapper cannot write {@code value}
     */
    String replyEntry(@Nullable Object value) {
        return replyEntry(value, Map.of());
    }

    /**
     * The entry of a reply with {@code value} and the extra {@code fields} of its record
     * ({@link FeedbackFields#toWrite}).
     *
     * @throws io.streamback.MappingException when the application's mapper cannot write {@code value}
     */
    String replyEntry(@Nullable Object value, Map<String, String> fields) {
        return WireCodec.encode(FeedbackEntry.response(values.toPlain(value), sourceGroup, fields));
    }

    /** The entry of a reply made of {@code payload}'s fields, plus {@code event} and {@code source_group}. */
    String replyPayloadEntry(Map<String, ?> payload) {
        return replyPayloadEntry(payload, Map.of());
    }

    /**
     * The same with the extra {@code fields} of its record, added where the payload has no field of
     * that name.
     */
    String replyPayloadEntry(Map<String, ?> payload, Map<String, String> fields) {
        Map<String, @Nullable Object> extras = new LinkedHashMap<>();
        payload.forEach((field, fieldValue) -> extras.put(field, values.toPlain(fieldValue)));
        Object value = extras.remove("value");
        extras.remove("event");
        extras.remove("source_group");
        fields.forEach(extras::putIfAbsent);
        return WireCodec.encode(new FeedbackEntry(Events.RESPONSE, value, null, sourceGroup, extras));
    }

    /** The entry of an end marker, with {@code error} when a listener failed. */
    String endEntry(@Nullable String error) {
        return error == null ? endOk : WireCodec.encode(FeedbackEntry.end(error, sourceGroup));
    }

    /**
     * The entry of an end marker with the extra {@code fields} of its record; without fields, the
     * plain end marker is encoded once per writer.
     */
    String endEntry(@Nullable String error, Map<String, String> fields) {
        return fields.isEmpty() ? endEntry(error) : WireCodec.encode(FeedbackEntry.end(error, sourceGroup, fields));
    }

    /**
     * Waits until one more write may be on its way: the back-pressure of every write, taken
     * before an entry is held ({@link HeldReplies}); {@link #pushReserved} hands the permit back.
     */
    void reserve() {
        stream();
        try {
            pending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedbackUnavailableException("interrupted while waiting to write feedback", e);
        }
    }

    /** Like {@link #reserve} for {@code permits}, without waiting; false when they are not free now. */
    boolean tryReserve(int permits) {
        return pending.tryAcquire(permits);
    }

    /** Sends {@code entries} to {@code key}, in order and together, one reserved permit each. */
    CompletableFuture<Void> pushReserved(String key, List<String> entries) {
        FeedbackStream to = stream();
        List<Map.Entry<String, String>> pushes = new ArrayList<>(entries.size());
        entries.forEach(entry -> pushes.add(Map.entry(key, entry)));
        CompletableFuture<Void> written;
        try {
            written = to.pushAll(pushes, ttl);
        } catch (RuntimeException e) {
            pending.release(entries.size());
            throw e;
        }
        return released(written, entries.size(), () -> "feedback_topic=" + key + " entries=" + entries.size());
    }

    /**
     * One end marker: to {@code key}, with {@code error} when a listener failed, and the extra
     * {@code fields} of its record.
     */
    record End(String key, @Nullable String error, Map<String, String> fields) {
        End(String key, @Nullable String error) {
            this(key, error, Map.of());
        }
    }

    /** Sends several end markers in one go; the future fails when any of them could not be written. */
    public CompletableFuture<Void> endAll(List<End> ends) {
        FeedbackStream to = stream();
        List<Map.Entry<String, String>> entries = new ArrayList<>(ends.size());
        for (End end : ends) {
            entries.add(Map.entry(end.key(), endEntry(end.error(), end.fields())));
        }
        return send(entries.size(), () -> to.pushAll(entries, ttl), () -> "end_markers=" + entries.size());
    }

    private CompletableFuture<Void> write(String key, String event, String json) {
        FeedbackStream to = stream();
        return send(1, () -> to.push(key, json, ttl), () -> "feedback_topic=" + key + " entry=" + event);
    }

    private FeedbackStream stream() {
        if (stream == null) {
            throw new FeedbackUnavailableException(NO_FEEDBACK_STREAM);
        }
        return stream;
    }

    /**
     * Takes a permit per entry (at most all of them), waiting while too many writes are on their
     * way, then sends; the permits come back when the write is done, and a failure is logged.
     *
     * @param what names the entries in the log line, made only when the write failed
     */
    private CompletableFuture<Void> send(int entries, Supplier<CompletableFuture<Void>> push, Supplier<String> what) {
        int permits = Math.min(entries, maxPending);
        try {
            pending.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedbackUnavailableException("interrupted while waiting to write feedback (" + what.get() + ")", e);
        }
        CompletableFuture<Void> written;
        try {
            written = push.get();
        } catch (RuntimeException e) {
            pending.release(permits);
            throw e;
        }
        return released(written, permits, what);
    }

    /** Hands {@code permits} back once {@code written} is done, logging a failure. */
    private CompletableFuture<Void> released(CompletableFuture<Void> written, int permits, Supplier<String> what) {
        written.whenComplete((ok, error) -> {
            pending.release(permits);
            if (error != null) {
                LOG.warn("event=feedback_write_failed {} error=\"{}\"", what.get(), LogText.of(error.getMessage()));
            }
        });
        return written;
    }
}
