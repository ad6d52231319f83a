package io.streamback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The feedback writes made while handling one record, so the record is committed only once Redis
 * has them, and its end marker, which the worker sends together with those of other records.
 */
final class RecordWrites {
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private @Nullable String endKey;
    private @Nullable String endError;
    private final @Nullable HeldReplies held;
    private volatile Map<String, String> feedbackFields = Map.of();

    /** The writes of a record that nothing can answer. */
    RecordWrites() {
        this.held = null;
    }

    /** The writes of a record whose listeners may reply through {@code writer}. */
    RecordWrites(FeedbackWriter writer) {
        this.held = new HeldReplies(writer, this::add);
    }

    /**
     * Sends a reply of the running listener: held briefly ({@link HeldReplies}) so it travels
     * with the next replies or the end marker; its write permit is taken first.
     */
    void reply(FeedbackWriter writer, String key, String entry) {
        if (held == null) {
            add(writer.pushReserved(key, List.of(entry)));
        } else {
            held.add(key, entry);
        }
    }

    /** Sends the held replies now: the listener is done with this try. */
    void flushHeld() {
        if (held != null) {
            held.flush();
        }
    }

    /** Whether replies of the running listener are held now, so the end marker could travel with them. */
    boolean holdsReplies() {
        return held != null && held.holdsAny();
    }

    /**
     * The record is done: sends the held replies, followed by its end marker {@code endEntry}
     * when it has one; true when the end marker went with them and is no longer to send.
     */
    boolean sendHeldWith(@Nullable String endEntry) {
        if (held == null) {
            return false;
        }
        String key;
        synchronized (this) {
            key = endKey;
        }
        boolean sent = held.stopWith(key, endEntry);
        if (sent) {
            synchronized (this) {
                endKey = null;
                endError = null;
            }
        }
        return sent;
    }

    /**
     * The extra fields of every feedback entry of this record (its observers'), set before any
     * listener runs ({@link FeedbackFields#toWrite}).
     */
    void feedbackFields(Map<String, String> fields) {
        this.feedbackFields = fields;
    }

    /** The extra fields of every feedback entry of this record; usually none. */
    Map<String, String> feedbackFields() {
        return feedbackFields;
    }

    /** Adds one write of the record. */
    synchronized void add(CompletableFuture<Void> write) {
        writes.add(write);
    }

    /** The record's end marker, to send to {@code key}, with {@code error} when a listener failed. */
    synchronized void end(String key, @Nullable String error) {
        this.endKey = key;
        this.endError = error;
    }

    /** The key of the end marker still to send, or null. */
    synchronized @Nullable String endKey() {
        return endKey;
    }

    /** The error of the end marker still to send, or null. */
    synchronized @Nullable String endError() {
        return endError;
    }

    /** Completes when every write added so far is done; fails when one failed. */
    synchronized CompletableFuture<Void> all() {
        return writes.isEmpty() ? CompletableFuture.completedFuture(null)
                : writes.size() == 1 ? writes.get(0)
                : CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new));
    }
}
