package io.streamback.internal;

import io.streamback.internal.spi.InboundRecord;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The deaths of process-mode children as one child sees them: it says which record it holds (so
 * the supervisor knows it if the child is killed), writes its own death to the supervisor's
 * {@link DeathLedger}, and gives up a record the ledger counts enough deaths for. Used by the
 * child's one worker thread.
 */
final class ChildPoisonRecords implements PoisonRecords {
    private final String workerId;
    private final DeathLedger ledger;
    private final HeldRecordFile held;

    ChildPoisonRecords(Path stateDir, String workerId) {
        this.workerId = workerId;
        this.ledger = new DeathLedger(stateDir);
        this.held = HeldRecordFile.open(HeldRecordFile.path(stateDir, workerId));
    }

    @Override
    public void holding(InboundRecord record) {
        held.hold(record.position());
    }

    @Override
    public void notHolding() {
        held.clear();
    }

    @Override
    public void done(InboundRecord record) {
        // the ledger keeps its lines: positions do not repeat, and the supervisor owns the file
    }

    @Override
    public void workerDied(InboundRecord record, Throwable error) {
        ledger.append(record.position(), workerId, error.toString());
        held.clear(); // counted once: the supervisor counts only what a child could not write itself
    }

    @Override
    public @Nullable String killerError(InboundRecord record) {
        DeathLedger.Deaths deaths = ledger.of(record.position());
        return deaths != null && deaths.count() >= DEATHS_BEFORE_GIVING_UP ? deaths.lastError() : null;
    }
}
