package io.streamback.internal;

import java.util.ArrayList;
import java.util.List;
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
