package io.streamback.ext;

import io.streamback.ListenerInfo;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Follows one record through a worker: each listener call, retry and dead letter, then how it
 * {@link #finished}. A record whose partition is taken away while a retry waits, or that is
 * delivered again because its dead letter or feedback could not be written, reports no
 * {@code finished}: it is handled again. Every method does nothing by default.
 *
 * <p>{@link #beforeListener} and {@link #afterListener} run on the thread that runs the listener
 * (the worker's, or its call thread with a processing timeout), so a tracer can make its context
 * current there; the other methods run on the worker's thread.
 */
public interface RecordObserver {
    /** Observes nothing. */
    RecordObserver NONE = new RecordObserver() {
    };

    /**
     * Fields to add to every feedback entry written for this record (its replies and its end
     * marker), e.g. {@code traceparent}; asked once, right after {@link StreambackObserver#onRecord},
     * before any listener runs. A field named like one of the protocol's ({@code value},
     * {@code event}, {@code error}, {@code source_group}) is dropped with a warning, and a reply's own
     * payload fields ({@code respondPayload}) win over these. Readers that do not know a field
     * ignore it (Python streamback does). Default: none, and then the entries are as without an
     * observer.
     */
    default Map<String, String> feedbackFields() {
        return Map.of();
    }

    /** Just before {@code listener} is called, on the thread that calls it. */
    default void beforeListener(ListenerInfo listener) {
    }

    /**
     * Just after {@code listener} returned or threw {@code error}, on the thread that called it
     * (for a call past its processing timeout: when, if ever, it ends).
     */
    default void afterListener(ListenerInfo listener, @Nullable Throwable error) {
    }

    /** {@code listener} returned after {@code took}. */
    default void listenerSucceeded(ListenerInfo listener, Duration took) {
    }

    /**
     * {@code listener} failed with {@code error} after {@code took}, and is tried again in
     * {@code wait} ({@code retry} counts from 1).
     */
    default void listenerRetrying(ListenerInfo listener, Duration took, Throwable error, int retry, Duration wait) {
    }

    /** {@code listener} failed for good (no retry follows) with {@code error} after {@code took}. */
    default void listenerFailed(ListenerInfo listener, Duration took, Throwable error) {
    }

    /** The record went to {@code listener}'s dead-letter topic {@code deadLetterTopic} (with the topics prefix). */
    default void deadLettered(ListenerInfo listener, String deadLetterTopic) {
    }

    /**
     * The record is done with: its end marker is on its way, and it is committed once that is in
     * Redis. {@code took} runs from when the worker began it, retry waits included (zero for a
     * record given up or expired).
     */
    default void finished(RecordOutcome outcome, Duration took) {
    }
}
