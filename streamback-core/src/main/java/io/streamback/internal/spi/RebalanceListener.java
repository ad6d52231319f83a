package io.streamback.internal.spi;

import java.util.Collection;

/** Told, on the consumer's own thread and inside {@link MainConsumer#poll}, when partitions are taken away. */
@FunctionalInterface
public interface RebalanceListener {
    /**
     * The consumer no longer owns {@code partitions}: commit what was processed of them now, and drop
     * what was polled but not processed (their new owner gets it).
     */
    void revoked(Collection<PartitionRef> partitions);
}
