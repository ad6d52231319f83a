package io.streamback.internal;

import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;

/** A running worker as its group sees it: a thread of this JVM or a child process. */
public interface WorkerHandle {
    /** Unique id within the instance. */
    String id();

    /** When it started. */
    Instant startedAt();

    /** False once it stopped, by request or by failure. */
    boolean isAlive();

    /** Asks it to stop gracefully: finish the record in hand, flush listeners, commit. */
    void stop();

    /**
     * Stops it at once, after a graceful stop took too long: a child process is killed; a thread
     * cannot be, so by default nothing happens.
     */
    default void forceStop() {
    }

    /** Waits at most {@code timeout} for it to stop; true if it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException;

    /** Its counters now. */
    WorkerSnapshot snapshot();

    /** Handling times of its recent records, in nanoseconds (empty where not known). */
    long[] recentHandlingNanos();
}
