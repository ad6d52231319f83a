package io.streamback.internal;

import io.streamback.internal.spi.InboundRecord;
import org.jspecify.annotations.Nullable;

/**
 * Records that workers died on (an {@link Error} that listener handling does not catch, or a child
 * JVM that exited while holding one), so that a record which keeps killing workers is given up
 * after {@link #DEATHS_BEFORE_GIVING_UP} deaths instead of blocking its partition forever. The
 * count lives in the tier that outlives a worker: the application in thread mode
 * ({@link SharedPoisonRecords}), the supervisor's ledger in process mode ({@link ChildPoisonRecords}).
 */
interface PoisonRecords {
    /** Workers a record may kill before it is treated as failed for good. */
    int DEATHS_BEFORE_GIVING_UP = 2;

    /** A worker holds {@code record} now: it is about to run listeners on it. */
    void holding(InboundRecord record);

    /** The worker's listeners returned: it holds no record now (one may wait for a retry). */
    void notHolding();

    /** {@code record} is done with for good (handled, or to be delivered again): forget its deaths. */
    void done(InboundRecord record);

    /** The worker dies of {@code error} holding {@code record}. */
    void workerDied(InboundRecord record, Throwable error);

    /** The error of the last worker {@code record} killed, when it killed enough to be given up; else null. */
    @Nullable String killerError(InboundRecord record);
}
