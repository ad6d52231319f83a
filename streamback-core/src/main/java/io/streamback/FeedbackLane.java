package io.streamback;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The replies to one sent message, read in order. Reads wait at most an idle timeout: it restarts
 * after every entry. A read after the end marker returns null at once.
 *
 * <p>A lane is read by one caller at a time. Waiting reads hold no thread and no Redis connection
 * of their own: thousands can wait at once.
 */
public interface FeedbackLane {
    /** The Redis list the replies arrive on; give it to {@link Streamback#continueStream(String)} elsewhere. */
    String feedbackTopic();

    /**
     * Completes when the main stream accepted the message, or fails with the reason (e.g. the broker
     * could not be reached). Wait on it to confirm a one-way send. Already complete for a lane from
     * {@link Streamback#continueStream(String)}.
     */
    CompletableFuture<Void> sent();

    /**
     * The next reply, waiting at most the instance's feedback timeout (default 60 s).
     *
     * @return the reply's value, or null once the end marker arrived (a reply may itself be null:
     *     {@link #isEnded()} tells the two apart)
     * @throws FeedbackException when the consumer group answered with an error
     * @throws FeedbackTimeoutException when nothing arrived in time
     */
    @Nullable Object read();

    /** Like {@link #read()} with its own idle timeout. */
    @Nullable Object read(Duration timeout);

    /**
     * The next reply from consumer group {@code fromGroup}, mapped to {@code type}; entries from
     * other groups are skipped, and only {@code fromGroup}'s end marker ends the lane.
     */
    <T> @Nullable T read(String fromGroup, Class<T> type, Duration timeout);

    /**
     * The next reply without blocking the caller; the future fails with {@link FeedbackException}
     * or {@link FeedbackTimeoutException} as {@link #read()} would throw.
     */
    CompletableFuture<@Nullable Object> readAsync(Duration timeout);

    /** Every reply until the end marker, each read with the instance's feedback timeout. */
    Iterable<@Nullable Object> stream();

    /** Every reply until the end marker, each read with {@code timeout}. */
    Iterable<@Nullable Object> stream(Duration timeout);

    /** Whether the end marker has been read. */
    boolean isEnded();

    /** The consumer group whose end marker ended the lane, or null while it has not ended. */
    @Nullable String endedBy();
}
