package io.streamback.internal;

import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one worker, written by its thread and read by the supervisor ({@code snapshot()},
 * {@code ListenerStats}). It is the built-in observer of every record the worker handles, fed by
 * the same calls as the registered observers, so the snapshot and the metrics count the same
 * events once.
 */
final class WorkerStats implements RecordObserver {
    final AtomicLong processed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong revocations = new AtomicLong();
    final HandlingTimes times = new HandlingTimes();

    @Override
    public void finished(RecordOutcome outcome, Duration took) {
        processed.incrementAndGet();
        switch (outcome) {
            case HANDLED -> times.record(took.toNanos());
            case FAILED, GIVEN_UP -> {
                failed.incrementAndGet();
                times.record(took.toNanos());
            }
            case EXPIRED -> expired.incrementAndGet(); // no listener ran: not a handling time
        }
    }
}
