package io.streamback.internal.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** The stream messages travel on from producers to consumer groups. Thread-safe. */
public interface MainStream extends AutoCloseable {
    /** Sends a record; the future completes when the stream accepted it, or fails with the reason. */
    CompletableFuture<Void> send(OutboundRecord record);

    /** Waits until every record sent so far was accepted or failed. */
    void flush();

    /**
     * A new member of consumer group {@code group} subscribed to {@code topics}.
     *
     * @param clientId a name for this member in the stream's logs and tools
     * @param onRevoke told when partitions are taken away from this member
     */
    MainConsumer subscribe(String group, String clientId, Collection<String> topics, RebalanceListener onRevoke);

    /**
     * How many records of {@code topics} group {@code group} has not committed yet: end offsets minus
     * committed offsets; a partition without a commit counts from where the group would start.
     * Topics that do not exist yet count 0.
     */
    long lag(String group, Collection<String> topics);

    /**
     * Asks the stream whether it can be reached, answering within {@code timeout}: the future
     * completes with what it said (e.g. {@code 3 brokers}) or fails with why not. It never waits in
     * the caller's thread. Default: an in-process stream, always there.
     */
    default CompletableFuture<String> probe(Duration timeout) {
        return CompletableFuture.completedFuture("in memory");
    }

    /** Flushes and releases every resource. */
    @Override
    void close();
}
