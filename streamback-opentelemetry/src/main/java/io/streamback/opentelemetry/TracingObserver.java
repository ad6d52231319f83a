package io.streamback.opentelemetry;

import static io.streamback.opentelemetry.SpanAttributes.APPLICATION;
import static io.streamback.opentelemetry.SpanAttributes.CONSUMER_GROUP;
import static io.streamback.opentelemetry.SpanAttributes.DEADLINE;
import static io.streamback.opentelemetry.SpanAttributes.DESTINATION;
import static io.streamback.opentelemetry.SpanAttributes.EXPECTS_FEEDBACK;
import static io.streamback.opentelemetry.SpanAttributes.KEY;
import static io.streamback.opentelemetry.SpanAttributes.MESSAGE_ID;
import static io.streamback.opentelemetry.SpanAttributes.MESSAGING_SYSTEM;
import static io.streamback.opentelemetry.SpanAttributes.OFFSET;
import static io.streamback.opentelemetry.SpanAttributes.OPERATION_NAME;
import static io.streamback.opentelemetry.SpanAttributes.OPERATION_TYPE;
import static io.streamback.opentelemetry.SpanAttributes.PARTITION;
import static io.streamback.opentelemetry.SpanAttributes.WORKER_GROUP;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.streamback.Message;
import io.streamback.ext.ConsumedRecord;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.ext.StreambackObserver;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Starts the spans of each request ({@link RequestTrace}) and record ({@link RecordTrace}). */
final class TracingObserver implements StreambackObserver {
    private final Tracer tracer;
    private final ThreadLocal<@Nullable Scope> scopes = new ThreadLocal<>();

    TracingObserver(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public RequestObserver onRequest(RequestInfo request) {
        long sendEpochNanos = epochNanos(Instant.now());
        SpanBuilder send = tracer.spanBuilder("send " + request.topic())
                .setParent(Context.current())
                .setSpanKind(SpanKind.PRODUCER)
                .setStartTimestamp(sendEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute(MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(OPERATION_NAME, "send")
                .setAttribute(DESTINATION, request.topic())
                .setAttribute(MESSAGE_ID, request.feedbackTopic())
                .setAttribute(APPLICATION, request.application())
                .setAttribute(EXPECTS_FEEDBACK, request.expectsFeedback());
        if (request.key() != null) {
            send.setAttribute(KEY, request.key());
        }
        if (request.deadline() != null) {
            send.setAttribute(DEADLINE, request.deadline().toString());
        }
        return new RequestTrace(tracer, request, send.startSpan(), sendEpochNanos);
    }

    @Override
    public RecordObserver onRecord(ConsumedRecord record) {
        Message message = record.message();
        SpanBuilder process = tracer.spanBuilder("process " + record.topic())
                .setParent(TraceContext.parentOf(message.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(CONSUMER_GROUP, record.consumerGroup())
                .setAttribute(PARTITION, Integer.toString(record.partition()))
                .setAttribute(OFFSET, record.offset())
                .setAttribute(APPLICATION, record.application())
                .setAttribute(WORKER_GROUP, record.workerGroup());
        if (message.key() != null) {
            process.setAttribute(KEY, message.key());
        }
        if (message.feedbackTopic() != null) {
            process.setAttribute(MESSAGE_ID, message.feedbackTopic());
        }
        return new RecordTrace(process.startSpan(), scopes);
    }

    private static long epochNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    @Override
    public String toString() {
        return "StreambackTracing";
    }
}
