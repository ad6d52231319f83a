package io.streamback.internal;

import io.streamback.ext.RecordObserver;
import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.PartitionRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record in a worker's hands: which of its topic's listeners runs next, how many retries that
 * one had, and when the next try is due. It lives across polls while a retry waits, so a retry is
 * state of the worker loop, not a loop of its own. Used by the worker's thread only.
 */
final class RecordTask {
    final InboundRecord record;
    final PartitionRef partition;
    final List<BoundListener> listeners;
    final RecordWrites writes;
    final long startedNanos = System.nanoTime();
    final List<Throwable> errors = new ArrayList<>();
    /** Null when the record did not decode. */
    final @Nullable InboundMessage message;
    /** Why the request is not run because its deadline passed, or null. */
    final @Nullable String expired;
    /** Follows the record: the worker's counters and the registered observers. */
    final RecordObserver observer;
    private int next;
    private int retries;
    private long dueNanos;

    RecordTask(InboundRecord record, List<BoundListener> listeners, @Nullable InboundMessage message,
            RecordWrites writes, RecordObserver observer) {
        this(record, listeners, message, writes, null, observer);
    }

    /** A task that runs no listener: its request's deadline passed, for the reason {@code expired}. */
    RecordTask(InboundRecord record, InboundMessage message, RecordWrites writes, String expired,
            RecordObserver observer) {
        this(record, List.of(), message, writes, expired, observer);
    }

    private RecordTask(InboundRecord record, List<BoundListener> listeners, @Nullable InboundMessage message,
            RecordWrites writes, @Nullable String expired, RecordObserver observer) {
        this.record = record;
        this.observer = observer;
        this.expired = expired;
        this.writes = writes;
        this.partition = PartitionRef.of(record);
        this.listeners = listeners;
        this.message = message;
    }

    /** The listener to run now, or null when every one ran. */
    @Nullable BoundListener current() {
        return next < listeners.size() ? listeners.get(next) : null;
    }

    /** Retries the current listener had so far. */
    int retries() {
        return retries;
    }

    /** The current listener is done with; on to the next one. */
    void nextListener() {
        next++;
        retries = 0;
    }

    /** The current listener failed and is tried again at {@code dueNanos}. */
    void retryAt(long dueNanos) {
        retries++;
        this.dueNanos = dueNanos;
    }

    /** When the waiting retry is due ({@link System#nanoTime()}). */
    long dueNanos() {
        return dueNanos;
    }
}
