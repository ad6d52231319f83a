package io.streamback;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The replies to one sent message, read in order, as they come or mapped to a type.
 *
 * <ul>
 *   <li>{@code read} waits for the next reply and returns it; a reply may be null. Once the
 *       consumer group has sent its end marker, {@code read} throws {@link StreamEndedException}:
 *       null always means a null reply, never the end.
 *   <li>{@code readAsync} does the same without blocking: the future fails where {@code read} throws.
 *   <li>{@code stream} loops over every reply until the end marker; {@code replies} is the same as a
 *       {@link java.util.stream.Stream} to compose ({@code map}, {@code filter}, {@code limit},
 *       {@code toList}).
 * </ul>
 *
 * <p>Each comes untyped (JSON values: {@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, null), mapped to a {@code Class} (records, POJOs, anything Jackson reads), or
 * mapped to a generic type with a {@link TypeRef}. A reply that does not fit the type fails its read
 * with a {@link StreambackException} naming the type and the group, and is consumed. Without a
 * {@code Duration} a read waits at most the instance's feedback timeout
 * ({@link StreambackBuilder#feedbackTimeout(Duration)}, default 60 s); the timeout is an idle
 * timeout: it restarts after every entry.
 *
 * <p><b>Several consumer groups on one topic.</b> Each group that listens to the topic answers the
 * message with its own replies and its own end marker. A lane reads them this way:
 *
 * <ul>
 *   <li>as it is, it follows the first group that answers, with a reply or with an error: later
 *       entries of other groups are skipped, and that group's end marker ends the lane. The end marker
 *       of a group that sent no reply does not end a read: it waits on, up to its idle timeout, for
 *       another group's reply, and then throws {@link StreamEndedException} naming every group that
 *       ended without replying. A lane on a topic that one group answers without replying thus waits
 *       out its timeout: read it with {@link #from(String)};
 *   <li>{@link #from(String) from(group)} reads only that group's entries and ends at its end
 *       marker, as Python's {@code read(from_group)} does;
 *   <li>{@link #untilFirstEndMarker()} reads every group's replies and ends at the first end marker
 *       of any group, replied or not, as Python's {@code read()} does.
 * </ul>
 *
 * <p>Every failure names the groups it is about: {@link FeedbackException#sourceGroup()}, the groups
 * of {@link StreamEndedException#groups()}, and, in the message of a {@link FeedbackTimeoutException},
 * the groups whose entries the read saw.
 *
 * <p>A lane and its views from {@link #from(String)} and {@link #untilFirstEndMarker()} share one
 * list of replies and are read by one caller at a time. Waiting reads hold no thread and no Redis
 * connection of their own: thousands can wait at once.
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
     * This lane, reading only the entries of consumer group {@code group}: entries of other groups
     * are skipped (and consumed), and only {@code group}'s end marker ends it. Python's
     * {@code read(from_group)}.
     */
    FeedbackLane from(String group);

    /**
     * This lane, reading the replies of every group and ending at the first end marker of any group,
     * whether that group replied or not: Python streamback's rule for a read without a group. On a
     * topic several groups answer, a group that answers without replying may end it before another's
     * reply comes.
     */
    FeedbackLane untilFirstEndMarker();

    /**
     * The next reply, waiting at most the instance's feedback timeout.
     *
     * @return the reply's JSON value, which may be null
     * @throws StreamEndedException when the end marker came instead, or had come before
     * @throws FeedbackException when the consumer group answered with an error
     * @throws FeedbackTimeoutException when nothing arrived in time
     */
    @Nullable Object read();

    /** Like {@link #read()}, waiting at most {@code timeout} for the next entry. */
    @Nullable Object read(Duration timeout);

    /**
     * The next reply mapped to {@code type}, waiting at most the instance's feedback timeout.
     *
     * @return the mapped reply, or null for a null reply
     * @throws StreambackException naming the type and the group when the reply does not fit {@code type}
     * @throws StreamEndedException when the end marker came instead, or had come before
     * @throws FeedbackException when the consumer group answered with an error
     * @throws FeedbackTimeoutException when nothing arrived in time
     */
    <T> @Nullable T read(Class<T> type);

    /** Like {@link #read(Class)}, waiting at most {@code timeout} for the next entry. */
    <T> @Nullable T read(Class<T> type, Duration timeout);

    /** Like {@link #read(Class)}, mapping to a generic type, e.g. {@code new TypeRef<List<Order>>() { }}. */
    <T> @Nullable T read(TypeRef<T> type);

    /** Like {@link #read(TypeRef)}, waiting at most {@code timeout} for the next entry. */
    <T> @Nullable T read(TypeRef<T> type, Duration timeout);

    /**
     * The next reply without blocking the caller, waiting at most the instance's feedback timeout.
     * The future fails with the exception {@link #read()} would throw; cancelling it gives up the
     * read, and a reply it would have taken stays for the next read.
     */
    CompletableFuture<@Nullable Object> readAsync();

    /** Like {@link #readAsync()}, waiting at most {@code timeout} for the next entry. */
    CompletableFuture<@Nullable Object> readAsync(Duration timeout);

    /** Like {@link #readAsync()}, with the reply mapped to {@code type} as {@link #read(Class)} maps it. */
    <T> CompletableFuture<@Nullable T> readAsync(Class<T> type);

    /** Like {@link #readAsync(Class)}, waiting at most {@code timeout} for the next entry. */
    <T> CompletableFuture<@Nullable T> readAsync(Class<T> type, Duration timeout);

    /** Like {@link #readAsync()}, with the reply mapped to a generic type. */
    <T> CompletableFuture<@Nullable T> readAsync(TypeRef<T> type);

    /** Like {@link #readAsync(TypeRef)}, waiting at most {@code timeout} for the next entry. */
    <T> CompletableFuture<@Nullable T> readAsync(TypeRef<T> type, Duration timeout);

    /**
     * Every reply until the end marker, for a {@code for} loop; each is read as {@link #read()} reads
     * it when the loop asks for it. The end marker ends the loop; an error end marker, a timeout or a
     * reply that does not fit throws from the iterator as {@code read} would. Empty when the lane has
     * ended.
     */
    Iterable<@Nullable Object> stream();

    /** Like {@link #stream()}, each reply read with {@code timeout}. */
    Iterable<@Nullable Object> stream(Duration timeout);

    /** Like {@link #stream()}, each reply mapped to {@code type}. */
    <T> Iterable<@Nullable T> stream(Class<T> type);

    /** Like {@link #stream(Class)}, each reply read with {@code timeout}. */
    <T> Iterable<@Nullable T> stream(Class<T> type, Duration timeout);

    /** Like {@link #stream()}, each reply mapped to a generic type. */
    <T> Iterable<@Nullable T> stream(TypeRef<T> type);

    /** Like {@link #stream(TypeRef)}, each reply read with {@code timeout}. */
    <T> Iterable<@Nullable T> stream(TypeRef<T> type, Duration timeout);

    /**
     * Every reply until the end marker, as a sequential, ordered, lazy {@link Stream}: a reply is
     * read when the pipeline asks for it, so {@code limit(n)} reads n replies and leaves the rest.
     * Errors are thrown by the terminal operation, as {@link #stream()} throws them. Elements may be
     * null.
     */
    Stream<@Nullable Object> replies();

    /** Like {@link #replies()}, each reply read with {@code timeout}. */
    Stream<@Nullable Object> replies(Duration timeout);

    /** Like {@link #replies()}, each reply mapped to {@code type}. */
    <T> Stream<@Nullable T> replies(Class<T> type);

    /** Like {@link #replies(Class)}, each reply read with {@code timeout}. */
    <T> Stream<@Nullable T> replies(Class<T> type, Duration timeout);

    /** Like {@link #replies()}, each reply mapped to a generic type. */
    <T> Stream<@Nullable T> replies(TypeRef<T> type);

    /** Like {@link #replies(TypeRef)}, each reply read with {@code timeout}. */
    <T> Stream<@Nullable T> replies(TypeRef<T> type, Duration timeout);

    /**
     * Whether a read of this lane (or view) found its end: the end marker of the group it follows,
     * or, for a lane that follows no group yet, the wait in vain after groups ended without replying.
     * Reads then throw {@link StreamEndedException} at once.
     */
    boolean isEnded();

    /** The consumer group whose end marker ended this lane (or view), or null while it has not ended. */
    @Nullable String endedBy();
}
