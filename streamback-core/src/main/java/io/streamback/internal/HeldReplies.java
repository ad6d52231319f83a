package io.streamback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The replies a listener gave while it still runs, held for about {@link #HOLD_NANOS}: a quick
 * listener's replies then reach Redis together with the record's end marker, in one {@code LPUSH}
 * and one {@code EXPIRE} instead of two of each, and a streaming listener's replies go in batches.
 * A listener that replies and then goes on working has its replies sent when the hold ends, so a
 * reply waits for company until the first tick of the {@link HoldTicker} at which it was held for
 * half that time (between 0.1 and 0.3 ms by default). Each held reply holds its write permit
 * ({@link FeedbackWriter#reserve}), so sending never waits.
 */
final class HeldReplies {
    static final long HOLD_NANOS = 200_000;
    static final int MAX_HELD = 256;

    private final long holdNanos;
    private final FeedbackWriter writer;
    private final Consumer<CompletableFuture<Void>> track;
    private final List<String> entries = new ArrayList<>();
    private @Nullable String key;
    /** When the replies held now were first held. */
    private long heldSince;
    /** Whether the {@link HoldTicker} ticks for this record. */
    private boolean watched;
    private boolean holding = true;

    /** Replies written by {@code writer}; {@code track} is given each write made. */
    HeldReplies(FeedbackWriter writer, Consumer<CompletableFuture<Void>> track) {
        this(writer, track, HOLD_NANOS);
    }

    /** The same, holding replies for {@code holdNanos}. */
    HeldReplies(FeedbackWriter writer, Consumer<CompletableFuture<Void>> track, long holdNanos) {
        this.holdNanos = holdNanos;
        this.writer = writer;
        this.track = track;
    }

    /** Holds {@code entry} for {@code replyKey}, its permit already reserved; sends at once once holding stopped. */
    synchronized void add(String replyKey, String entry) {
        if (!holding || (key != null && !key.equals(replyKey))) {
            flush();
            track.accept(writer.pushReserved(replyKey, List.of(entry)));
            return;
        }
        key = replyKey;
        if (entries.isEmpty()) {
            heldSince = System.nanoTime();
        }
        entries.add(entry);
        if (entries.size() >= MAX_HELD) {
            flush();
        } else if (!watched) {
            watched = true;
            HoldTicker.SHARED.watch(this);
        }
    }

    /**
     * One tick of the {@link HoldTicker}: sends what was held for half the hold time or more; true
     * when nothing is held any more, so the ticker stops ticking for this record.
     */
    synchronized boolean tick(long now) {
        if (!entries.isEmpty() && now - heldSince >= holdNanos / 2) {
            flush();
        }
        watched = !entries.isEmpty();
        return !watched;
    }

    /** Whether any reply is held now. */
    synchronized boolean holdsAny() {
        return !entries.isEmpty();
    }

    /** Sends what is held, if anything. */
    synchronized void flush() {
        if (!entries.isEmpty() && key != null) {
            track.accept(writer.pushReserved(key, List.copyOf(entries)));
            entries.clear();
        }
    }

    /**
     * Stops holding (replies given later are sent at once) and sends what is held, followed by
     * {@code endMarker} when it is for the same key; false when nothing was held, so the end marker
     * is still to be sent.
     */
    synchronized boolean stopWith(@Nullable String endKey, @Nullable String endMarker) {
        holding = false;
        if (entries.isEmpty() || key == null || endMarker == null || !key.equals(endKey)
                || !writer.tryReserve(1)) {
            flush();
            return false;
        }
        entries.add(endMarker);
        track.accept(writer.pushReserved(key, List.copyOf(entries)));
        entries.clear();
        return true;
    }
}
