package io.streamback;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one message is sent: its record key, its headers and its deadline. Immutable: each method
 * returns a copy with one thing changed, so options can be kept in a constant and shared.
 *
 * <pre>{@code
 * streamback.send("greet", Map.of("name", "Ada"), SendOptions.defaults()
 *         .key("user-42")
 *         .header("trace_id", traceId)
 *         .deadlineAfter(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p><b>Deadlines.</b> A deadline is a moment in wall-clock time after which the request is no
 * longer worth running: a JVM consumer that begins it later runs none of its listeners and answers
 * with an error end marker, {@code DeadlineExceeded('request expired at ..., 12.3 s before it was
 * received')}, which a reader gets as a {@link FeedbackException}. Only the start counts: a
 * listener that began in time runs to its end, however long it streams. Unless the options say
 * otherwise, {@link Streamback#send(String, Object, SendOptions) send} gives a request the deadline
 * send time + {@link StreambackConfig#feedbackTimeout() feedbackTimeout}, the time a default read
 * waits for the first reply (no default when the builder turned them off with
 * {@link StreambackBuilder#defaultDeadlines(boolean)}), and
 * {@link Streamback#sendOneWay(String, Object, SendOptions) sendOneWay} gives none. Read with a
 * longer timeout than the feedback timeout? Give the request that timeout with
 * {@link #deadlineAfter(Duration)}, or its reply may be an expiry instead.
 *
 * <p>Sender and consumer compare their own clocks (epoch milliseconds): a consumer whose clock runs
 * ahead of the sender's by some seconds expires requests that many seconds early, one that lags
 * expires them late. Keep deadlines well above the clock skew of the machines (NTP keeps it to
 * milliseconds). Python consumers ignore deadlines and headers, and run every request.
 */
public final class SendOptions {
    private static final SendOptions DEFAULTS = new SendOptions(null, Map.of(), Deadline.DEFAULT, null, null);

    /** What kind of deadline the options ask for. */
    private enum Deadline { DEFAULT, NONE, AT, AFTER }

    private final @Nullable String key;
    private final Map<String, String> headers;
    private final Deadline deadline;
    private final @Nullable Instant deadlineAt;
    private final @Nullable Duration deadlineAfter;

    private SendOptions(@Nullable String key, Map<String, String> headers, Deadline deadline,
            @Nullable Instant deadlineAt, @Nullable Duration deadlineAfter) {
        this.key = key;
        this.headers = headers;
        this.deadline = deadline;
        this.deadlineAt = deadlineAt;
        this.deadlineAfter = deadlineAfter;
    }

    /** No key, no headers, the default deadline of the send method used. */
    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /** These options with the record key {@code key} (the Kafka partitioning key), or none for null. */
    public SendOptions key(@Nullable String key) {
        return new SendOptions(key, headers, deadline, deadlineAt, deadlineAfter);
    }

    /**
     * These options with the header {@code name} set to {@code value}, replacing one of that name.
     * Headers travel as Kafka record headers, the value as UTF-8 bytes; a listener reads them with
     * {@link Message#headers()}. Python consumers ignore them.
     *
     * @throws IllegalArgumentException when {@code name} is empty
     */
    public SendOptions header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be empty");
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SendOptions(key, Collections.unmodifiableMap(more), deadline, deadlineAt, deadlineAfter);
    }

    /** These options with every header of {@code headers} added, as {@link #header(String, String)} does. */
    public SendOptions headers(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        SendOptions options = this;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            options = options.header(header.getKey(), header.getValue());
        }
        return options;
    }

    /** These options with the deadline {@code deadline}, a moment in wall-clock time. */
    public SendOptions deadline(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new SendOptions(key, headers, Deadline.AT, deadline, null);
    }

    /**
     * These options with the deadline {@code timeout} after the moment of each send (not of this
     * call, so a constant can hold them).
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public SendOptions deadlineAfter(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("deadlineAfter must be positive, got " + timeout);
        }
        return new SendOptions(key, headers, Deadline.AFTER, null, timeout);
    }

    /** These options without a deadline: consumers run the request however late they get it. */
    public SendOptions noDeadline() {
        return new SendOptions(key, headers, Deadline.NONE, null, null);
    }

    /** The record key, or null. */
    public @Nullable String key() {
        return key;
    }

    /** The headers, in the order they were set. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The deadline of a message sent at {@code now}, or null for none: the one set; without one,
     * {@code now + byDefault}, or none when {@code byDefault} is null.
     */
    @Nullable Instant deadlineOf(Instant now, @Nullable Duration byDefault) {
        return switch (deadline) {
            case DEFAULT -> byDefault == null ? null : now.plus(byDefault);
            case NONE -> null;
            case AT -> deadlineAt;
            case AFTER -> now.plus(Objects.requireNonNull(deadlineAfter));
        };
    }

    @Override
    public String toString() {
        String deadlineText = switch (deadline) {
            case DEFAULT -> "default";
            case NONE -> "none";
            case AT -> String.valueOf(deadlineAt);
            case AFTER -> "after " + deadlineAfter;
        };
        return "SendOptions{key=" + key + ", headers=" + headers.keySet() + ", deadline=" + deadlineText + "}";
    }
}
