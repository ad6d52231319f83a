package io.streamback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The end markers of one worker, sent to the feedback stream together: a backlog of quick records
 * costs one hand-over per batch instead of one per record. A record whose handling took longer
 * than {@link #SLOW_NANOS}, the last record of a poll, the {@link #MAX_BATCH}th record, or one
 * {@link #MAX_DELAY_NANOS} after the first waiting, sends the batch at once, so a caller waits for
 * an end marker at most about as long as one quick record takes. Used by the worker's thread only.
 */
final class EndMarkers {
    static final int MAX_BATCH = 64;
    static final long SLOW_NANOS = 200_000;
    static final long MAX_DELAY_NANOS = 1_000_000;

    private final FeedbackWriter writer;
    private final List<RecordWrites> waiting = new ArrayList<>();
    private long firstWaitingSince;

    EndMarkers(FeedbackWriter writer) {
        this.writer = writer;
    }

    /**
     * Takes the end marker of a handled record, if it has one.
     *
     * @param handlingNanos how long the record took
     * @param lastOfPoll whether no polled record waits behind it
     */
    void add(RecordWrites writes, long handlingNanos, boolean lastOfPoll) {
        String endKey = writes.endKey();
        boolean sentWithReplies = endKey != null && writes.holdsReplies()
                && writes.sendHeldWith(writer.endEntry(writes.endError(), writes.feedbackFields()));
        if (!sentWithReplies) {
            writes.sendHeldWith(null); // stops holding; the end marker, if any, goes with the batch
            if (endKey != null) {
                if (waiting.isEmpty()) {
                    firstWaitingSince = System.nanoTime();
                }
                waiting.add(writes);
            }
        }
        if (lastOfPoll || handlingNanos > SLOW_NANOS || waiting.size() >= MAX_BATCH
                || System.nanoTime() - firstWaitingSince > MAX_DELAY_NANOS) {
            send();
        }
    }

    /** Sends what waits; each record's writes then include its end marker. */
    void send() {
        if (waiting.isEmpty() || !writer.enabled()) {
            waiting.clear();
            return;
        }
        List<FeedbackWriter.End> ends = new ArrayList<>(waiting.size());
        for (RecordWrites writes : waiting) {
            ends.add(new FeedbackWriter.End(Objects.requireNonNull(writes.endKey()), writes.endError(),
                    writes.feedbackFields()));
        }
        CompletableFuture<Void> sent = writer.endAll(ends);
        waiting.forEach(writes -> writes.add(sent));
        waiting.clear();
    }
}
