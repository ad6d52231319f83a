package io.streamback.internal;

import io.streamback.internal.spi.InboundRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The deaths of thread workers, counted by the application the threads run in. Thread-safe. */
final class SharedPoisonRecords implements PoisonRecords {
    private record Deaths(int count, String lastError) {
    }

    private final Map<String, Deaths> deaths = new ConcurrentHashMap<>();

    @Override
    public void holding(InboundRecord record) {
        // the worker's thread remembers it: a thread dies in this JVM, which sees it
    }

    @Override
    public void notHolding() {
        // see holding
    }

    @Override
    public void done(InboundRecord record) {
        deaths.remove(record.position());
    }

    @Override
    public void workerDied(InboundRecord record, Throwable error) {
        deaths.merge(record.position(), new Deaths(1, error.toString()),
                (old, fresh) -> new Deaths(old.count + 1, fresh.lastError));
    }

    @Override
    public @Nullable String killerError(InboundRecord record) {
        Deaths recorded = deaths.get(record.position());
        return recorded != null && recorded.count >= DEATHS_BEFORE_GIVING_UP ? recorded.lastError : null;
    }
}
