package io.streamback.ext;

import io.streamback.StreambackBuilder;

/**
 * Watches one or more {@link io.streamback.Streamback} instances: what their callers send and
 * read, and what their workers handle. Metrics (the {@code streamback-micrometer} module) and
 * tracing plug in here; register with {@link StreambackBuilder#observe(StreambackObserver)}.
 * Every method does nothing by default, so implement only what you need.
 *
 * <p>Methods run on the library's threads (the caller's, a worker's, the threads that complete
 * reads): keep them short, never block. An exception thrown by an observer is logged and ignored.
 * With no observer registered the library makes none of these calls.
 *
 * <pre>{@code
 * Streamback streamback = Streamback.builder("shop")
 *         .streams(streams)
 *         .observe(new StreambackObserver() {
 *             public RecordObserver onRecord(ConsumedRecord record) {
 *                 return new RecordObserver() {
 *                     public void finished(RecordOutcome outcome, Duration took) {
 *                         LOG.info("{} {} in {}", record.topic(), outcome, took);
 *                     }
 *                 };
 *             }
 *         })
 *         .build();
 * }</pre>
 */
public interface StreambackObserver {
    /**
     * When an instance is built with this observer, before it sends or listens: {@code instance}
     * gives the figures it can be asked for at any time (gauges), and names the instance.
     */
    default void onAttach(ObservedInstance instance) {
    }

    /** When {@code instance}'s workers started: its worker groups are known from now on. */
    default void onStart(ObservedInstance instance) {
    }

    /** When {@code instance} closed; it makes no calls afterwards. */
    default void onClose(ObservedInstance instance) {
    }

    /**
     * A message is about to be sent ({@code send} or {@code sendOneWay}), on the caller's thread;
     * the observer returned follows this one request to its end. Its {@link RequestObserver#headers()}
     * are added to the record (trace context, say).
     */
    default RequestObserver onRequest(RequestInfo request) {
        return RequestObserver.NONE;
    }

    /**
     * A worker begins a record (a Streamback message; a record that is not one is skipped without
     * a call), on the worker's thread; the observer returned follows it until it is
     * {@link RecordObserver#finished finished}.
     */
    default RecordObserver onRecord(ConsumedRecord record) {
        return RecordObserver.NONE;
    }
}
