package io.streamback.internal.spi;

import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lists of replies keyed by feedback topic: pushed by consumers, popped in order by producers.
 * Thread-safe. A pending {@link #pop} must not hold a connection or a thread of its own.
 */
public interface FeedbackStream extends AutoCloseable {
    /** Appends {@code entry} to the list {@code key}, which then expires {@code ttl} after the last push. */
    CompletableFuture<Void> push(String key, String entry, Duration ttl);

    /**
     * Appends each entry to its list, in order, as {@link #push} would; one future for all, failing
     * when any write failed.
     *
     * @param entries pairs of key and entry
     */
    default CompletableFuture<Void> pushAll(List<Map.Entry<String, String>> entries, Duration ttl) {
        return CompletableFuture.allOf(entries.stream().map(entry -> push(entry.getKey(), entry.getValue(), ttl))
                .toArray(CompletableFuture<?>[]::new));
    }

    /**
     * The oldest entry of list {@code key}, waiting at most {@code timeout}; empty when none came.
     * Cancelling the future gives up the pop: an entry it would have taken stays for the next pop.
     */
    CompletableFuture<Optional<String>> pop(String key, Duration timeout);

    /**
     * Like {@link #pop}, for the first read of a key this instance made ({@link #newKey}) at
     * {@code madeAtNanos} ({@link System#nanoTime}): nothing can be in the list but what was
     * pushed after that, which a stream may know without asking the server.
     */
    default CompletableFuture<Optional<String>> popNew(String key, Duration timeout, long madeAtNanos) {
        return pop(key, timeout);
    }

    /** Puts {@code entry}, popped from {@code key} but not used, back as the oldest entry. */
    void unpop(String key, String entry);

    /** A new feedback key ({@code streamback_feedback_<uuid>}) for a message this instance sends. */
    default String newKey() {
        return FeedbackKeys.newKey();
    }

    /**
     * Sets {@code key} if it is absent, expiring {@code ttl} later: a claim that only one caller
     * across every process sharing this stream wins until it expires.
     *
     * @return true when this caller set the key, false when it was already set
     */
    CompletableFuture<Boolean> claim(String key, Duration ttl);

    /**
     * Asks the stream whether it can be reached, answering within {@code timeout}: the future
     * completes with what it said (e.g. {@code PONG}) or fails with why not. It never waits in the
     * caller's thread. Default: an in-process stream, always there.
     */
    default CompletableFuture<String> probe(Duration timeout) {
        return CompletableFuture.completedFuture("in memory");
    }

    /** Releases connections; pending pops complete empty or exceptionally. */
    @Override
    void close();
}
