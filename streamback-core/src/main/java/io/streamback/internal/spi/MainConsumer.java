package io.streamback.internal.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One member of a consumer group on the main stream. Used by one thread, except {@link #wakeup()}. */
public interface MainConsumer extends AutoCloseable {
    /** The next records, waiting at most {@code timeout}; empty when none came or after {@link #wakeup()}. */
    List<InboundRecord> poll(Duration timeout);

    /**
     * Commits the positions after {@code processed} records (the highest offset per partition).
     *
     * @param sync wait for the broker to confirm, as on shutdown; otherwise commit in the background
     */
    void commit(Collection<InboundRecord> processed, boolean sync);

    /**
     * Fetches each partition of {@code offsets} again from the given offset, so records that were
     * handled but must not be committed are delivered again.
     */
    void rewind(Map<PartitionRef, Long> offsets);

    /**
     * Stops fetching from those of {@code partitions} this member holds, until {@link #resume};
     * polls still keep the membership alive and fetch the other partitions. A partition revoked
     * meanwhile is fetched as usual by whoever gets it next.
     */
    void pause(Collection<PartitionRef> partitions);

    /** Fetches again from those of {@code partitions} that {@link #pause} stopped. */
    void resume(Collection<PartitionRef> partitions);

    /** Makes a blocked or the next {@link #poll(Duration)} return at once; safe from any thread. */
    void wakeup();

    /** Leaves the group and releases resources. */
    @Override
    void close();
}
