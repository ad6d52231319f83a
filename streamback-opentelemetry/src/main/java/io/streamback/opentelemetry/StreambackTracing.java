package io.streamback.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.streamback.StreambackBuilder;
import io.streamback.ext.StreambackObserver;
import java.util.Objects;

/**
 * OpenTelemetry tracing for Streamback instances, with W3C trace context on the wire: give
 * {@link #of(OpenTelemetry)} to {@link StreambackBuilder#observe(StreambackObserver)} of the
 * callers and of the consumers.
 *
 * <pre>{@code
 * Streamback streamback = Streamback.builder("shop")
 *         .streams(streams)
 *         .observe(StreambackTracing.of(openTelemetry))
 *         .build();
 * }</pre>
 *
 * <p>Spans (tracer {@value #INSTRUMENTATION_NAME}), {@code topic} without the topics prefix:
 *
 * <table>
 *   <caption>Spans</caption>
 *   <tr><th>name</th><th>kind</th><th>parent</th><th>from, to</th></tr>
 *   <tr><td>{@code send <topic>}</td><td>PRODUCER</td><td>the caller's current span</td>
 *       <td>{@code send}/{@code sendOneWay}, until the main stream took the message (error status
 *       when it could not be sent)</td></tr>
 *   <tr><td>{@code process <topic>}</td><td>CONSUMER</td><td>the {@code send} span the record's
 *       {@code traceparent} header names; none (a new trace) for a record without one, such as
 *       Python streamback's</td><td>the worker began the record, until it was done with it (retry waits
 *       included); current on the thread that runs each listener, so spans the listener starts are its
 *       children; error status when a listener failed for good, the record was given up or it came
 *       after its deadline</td></tr>
 *   <tr><td>{@code reply <topic>}</td><td>CLIENT</td><td>{@code send}, linked to the replying
 *       group's {@code process} span</td><td>for each reply a read took: from that group's previous
 *       entry (or the send), until it</td></tr>
 *   <tr><td>{@code end <topic>}</td><td>CLIENT</td><td>the same</td><td>likewise for the end
 *       marker a read took; error status for a listener's error ({@code error.type} is the error's
 *       type, e.g. {@code ValueError}) or an expired deadline ({@code DeadlineExceeded})</td></tr>
 *   <tr><td>{@code timeout <topic>}</td><td>CLIENT</td><td>{@code send}</td><td>a read that waited
 *       its idle timeout in vain: from the last entry taken (or the send) until then; error
 *       status</td></tr>
 * </table>
 *
 * <p>Attributes follow OpenTelemetry's messaging conventions: {@code messaging.system}
 * ({@code kafka}; {@code redis} for the reads), {@code messaging.destination.name} (the topic; the
 * feedback list for the reads), {@code messaging.operation.type} and {@code .name},
 * {@code messaging.message.id} (the request's feedback list, the same on every span of a request),
 * {@code messaging.consumer.group.name}, {@code messaging.destination.partition.id},
 * {@code messaging.kafka.offset}, {@code messaging.kafka.message.key}, {@code error.type}; and
 * {@code streamback.*}: {@code application}, {@code worker_group}, {@code source_group} (the group
 * that replied), {@code reply.first}, {@code outcome}, {@code expects_feedback}, {@code deadline}.
 * A failed listener call is recorded as an exception event of the {@code process} span, a retry
 * and a dead letter as events.
 *
 * <p>The context travels as W3C {@code traceparent} and {@code tracestate}, whatever propagators
 * the application configured: in a Kafka header of the message, and back in an extra field of each
 * reply and end marker (Python streamback ignores both). A caller reads a request's spans only for
 * the entries its reads take: a read of the first reply alone gives {@code send} and one
 * {@code reply} span; {@code continueStream} lanes are not traced.
 */
public final class StreambackTracing {
    /** The name of the tracer that makes Streamback's spans. */
    public static final String INSTRUMENTATION_NAME = "io.streamback";

    private StreambackTracing() {
    }

    /** The observer that traces an instance's sends, listeners and reads with {@code openTelemetry}'s tracer provider. */
    public static StreambackObserver of(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        TracerBuilder tracer = openTelemetry.getTracerProvider().tracerBuilder(INSTRUMENTATION_NAME);
        String version = StreambackTracing.class.getPackage().getImplementationVersion();
        if (version != null) {
            tracer.setInstrumentationVersion(version);
        }
        return new TracingObserver(tracer.build());
    }

    /** The same with {@code tracer}, for an application that made its own. */
    public static StreambackObserver of(Tracer tracer) {
        return new TracingObserver(Objects.requireNonNull(tracer, "tracer"));
    }
}
