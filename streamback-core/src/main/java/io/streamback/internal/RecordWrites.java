package io.streamback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The feedback writes made while handling one record, so the record is committed only once Redis has them. */
final class RecordWrites {
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();

    /** Adds one write of the record. */
    synchronized void add(CompletableFuture<Void> write) {
        writes.add(write);
    }

    /** Completes when every write added so far is done; fails when one failed. */
    synchronized CompletableFuture<Void> all() {
        return writes.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(writes.toArray(CompletableFuture<?>[]::new));
    }
}
