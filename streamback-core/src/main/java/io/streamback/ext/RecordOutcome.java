package io.streamback.ext;

/** How a record ended, in {@link RecordObserver#finished}. */
public enum RecordOutcome {
    /** Every listener returned, some maybe after retries. */
    HANDLED,
    /** At least one listener failed for good (after its retries); the sender got the error. */
    FAILED,
    /**
     * It killed two workers and was given up without running again: its listeners count as failed
     * with {@code WorkerKilled}, the sender got that error, and it went to the dead-letter topics.
     */
    GIVEN_UP,
    /** Its deadline had passed when the worker began it: no listener ran, the sender got {@code DeadlineExceeded}. */
    EXPIRED
}
