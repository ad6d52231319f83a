package io.streamback.internal;

import io.streamback.spi.InboundRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Remembers records that a worker died on (an {@link Error} no listener handling catches), so that a
 * record which keeps killing workers is given up after {@link #DEATHS_BEFORE_GIVING_UP} deaths
 * instead of blocking its partition forever. Shared by the workers of one instance.
 */
final class FatalRecords {
    /** Workers a record may kill before it is treated as failed for good. */
    static final int DEATHS_BEFORE_GIVING_UP = 2;

    private record Deaths(int count, String lastError) {
    }

    private final Map<String, Deaths> deaths = new ConcurrentHashMap<>();

    void workerDied(InboundRecord record, Throwable error) {
        deaths.merge(record.position(), new Deaths(1, error.toString()),
                (old, fresh) -> new Deaths(old.count + 1, fresh.lastError));
    }

    /** The last error, when {@code record} killed enough workers to be given up; else null. */
    @Nullable String killerError(InboundRecord record) {
        Deaths recorded = deaths.get(record.position());
        return recorded != null && recorded.count >= DEATHS_BEFORE_GIVING_UP ? recorded.lastError : null;
    }

    void forget(InboundRecord record) {
        deaths.remove(record.position());
    }
}
