package io.streamback.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one worker, written by its thread and read by the supervisor. */
final class WorkerStats {
    final AtomicLong processed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong revocations = new AtomicLong();
    final HandlingTimes times = new HandlingTimes();

    void recordHandled(long elapsedNanos, boolean failedRecord) {
        processed.incrementAndGet();
        if (failedRecord) {
            failed.incrementAndGet();
        }
        times.record(elapsedNanos);
    }

    /** A request whose deadline had passed: handled without running a listener. */
    void recordExpired() {
        processed.incrementAndGet();
        expired.incrementAndGet();
    }
}
