package io.streamback.ext;

import java.time.Duration;
import java.util.Map;

/**
 * Follows one request from its send to its end, as its caller reads it. Durations are measured
 * from the {@code send} call. {@link #sent}/{@link #notSent} come on one of the few threads that
 * complete reads, never the Kafka producer's; reply, end and timeout events on the thread that
 * hands the read its result (the feedback stream's own thread, or one completing reads), never a
 * Lettuce I/O thread. Each reply and end marker is reported once, when a read takes it; lanes of
 * {@code continueStream} are not observed (their request was, where it was sent). A request nobody reads reports only
 * {@link #sent} (or {@link #notSent}). Every method does nothing by default.
 *
 * <p>The events of a reply or end marker come in two forms: with the entry's extra text fields
 * ({@code fields}: what the consumer's {@link RecordObserver#feedbackFields()} added, such as
 * {@code traceparent}; empty for an entry without any, e.g. a Python consumer's), and without. The
 * library calls the form with fields, whose default calls the one without, so an observer
 * overrides whichever it needs.
 */
public interface RequestObserver {
    /** Observes nothing. */
    RequestObserver NONE = new RequestObserver() {
    };

    /**
     * Headers to add to the request's Kafka record (e.g. {@code traceparent}); asked once, right
     * after {@link StreambackObserver#onRequest}. Default: none.
     */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** The main stream took the request. */
    default void sent() {
    }

    /** The request could not be sent, for {@code error}: reads of it fail with {@code NotSentException}. */
    default void notSent(Throwable error) {
    }

    /**
     * A read took a reply of consumer group {@code group}.
     *
     * @param first whether it is the first reply of the request
     */
    default void reply(String group, Duration sinceSend, boolean first) {
    }

    /** {@link #reply(String, Duration, boolean)} with the reply entry's extra text {@code fields}; calls it by default. */
    default void reply(String group, Duration sinceSend, boolean first, Map<String, String> fields) {
        reply(group, sinceSend, first);
    }

    /** A read took the plain end marker that ends it: {@code group} sent all its replies. */
    default void ended(String group, Duration sinceSend) {
    }

    /** {@link #ended(String, Duration)} with the end marker's extra text {@code fields}; calls it by default. */
    default void ended(String group, Duration sinceSend, Map<String, String> fields) {
        ended(group, sinceSend);
    }

    /** A read took {@code group}'s error end marker: one of its listeners failed with {@code error}. */
    default void remoteError(String group, String error, Duration sinceSend) {
    }

    /**
     * {@link #remoteError(String, String, Duration)} with the end marker's extra text {@code fields};
     * calls it by default.
     */
    default void remoteError(String group, String error, Duration sinceSend, Map<String, String> fields) {
        remoteError(group, error, sinceSend);
    }

    /**
     * A read took {@code group}'s end marker saying the request arrived after its deadline, so no
     * listener ran it ({@code DeadlineExceeded}; reported here, not as a {@link #remoteError}).
     */
    default void deadlineExpired(String group, Duration sinceSend) {
    }

    /** {@link #deadlineExpired(String, Duration)} with the end marker's extra text {@code fields}; calls it by default. */
    default void deadlineExpired(String group, Duration sinceSend, Map<String, String> fields) {
        deadlineExpired(group, sinceSend);
    }

    /** A read waited its idle timeout {@code timeout} and nothing came. */
    default void timedOut(Duration timeout) {
    }
}
