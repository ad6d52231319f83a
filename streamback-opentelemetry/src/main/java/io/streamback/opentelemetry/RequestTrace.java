package io.streamback.opentelemetry;

import static io.streamback.opentelemetry.SpanAttributes.DESTINATION;
import static io.streamback.opentelemetry.SpanAttributes.DESTINATION_TEMPORARY;
import static io.streamback.opentelemetry.SpanAttributes.ERROR_TYPE;
import static io.streamback.opentelemetry.SpanAttributes.FIRST_REPLY;
import static io.streamback.opentelemetry.SpanAttributes.MESSAGE_ID;
import static io.streamback.opentelemetry.SpanAttributes.MESSAGING_SYSTEM;
import static io.streamback.opentelemetry.SpanAttributes.OPERATION_NAME;
import static io.streamback.opentelemetry.SpanAttributes.OPERATION_TYPE;
import static io.streamback.opentelemetry.SpanAttributes.SOURCE_GROUP;
import static io.streamback.opentelemetry.SpanAttributes.TIMEOUT_MS;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spans of one request as its caller sees it: the {@code send} span, from the send until the
 * main stream took the message, whose context travels as the record's {@code traceparent}; then,
 * for each reply and end marker a read takes, a span from the group's previous entry (or the send)
 * until this one, child of the send span and linked to the listener's span named by the entry's
 * {@code traceparent}; a read that timed out gets one too.
 */
final class RequestTrace implements RequestObserver {
    private final Tracer tracer;
    private final RequestInfo request;
    private final Span send;
    private final Context sendContext;
    private final long sendEpochNanos;
    private final long sendNanoTime = System.nanoTime();
    /** Per replying group, the time since the send of the last entry a read took. */
    private final Map<String, Long> lastEntryByGroup = new ConcurrentHashMap<>();
    private final AtomicLong lastEntry = new AtomicLong();

    RequestTrace(Tracer tracer, RequestInfo request, Span send, long sendEpochNanos) {
        this.tracer = tracer;
        this.request = request;
        this.send = send;
        this.sendContext = Context.root().with(send);
        this.sendEpochNanos = sendEpochNanos;
    }

    @Override
    public Map<String, String> headers() {
        return TraceContext.of(send);
    }

    @Override
    public void sent() {
        send.end();
    }

    @Override
    public void notSent(Throwable error) {
        send.recordException(error);
        send.setAttribute(ERROR_TYPE, error.getClass().getName());
        send.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        send.end();
    }

    @Override
    public void reply(String group, Duration sinceSend, boolean first, Map<String, String> fields) {
        Span reply = received("reply", group, sinceSend, fields).setAttribute(FIRST_REPLY, first).startSpan();
        reply.end(at(sinceSend), TimeUnit.NANOSECONDS);
    }

    @Override
    public void ended(String group, Duration sinceSend, Map<String, String> fields) {
        received("end", group, sinceSend, fields).startSpan().end(at(sinceSend), TimeUnit.NANOSECONDS);
    }

    @Override
    public void remoteError(String group, String error, Duration sinceSend, Map<String, String> fields) {
        failed(received("end", group, sinceSend, fields), SpanAttributes.errorType(error), error, sinceSend);
    }

    @Override
    public void deadlineExpired(String group, Duration sinceSend, Map<String, String> fields) {
        failed(received("end", group, sinceSend, fields), "DeadlineExceeded",
                "the request arrived after its deadline: no listener ran it", sinceSend);
    }

    @Override
    public void timedOut(Duration timeout) {
        Duration sinceSend = Duration.ofNanos(System.nanoTime() - sendNanoTime);
        SpanBuilder wait = feedbackSpan("timeout", lastEntry.get()).setAttribute(TIMEOUT_MS, timeout.toMillis());
        failed(wait, "timeout", "no reply nor end marker came within " + timeout.toMillis() + " ms", sinceSend);
    }

    private void failed(SpanBuilder builder, String type, String description, Duration sinceSend) {
        Span span = builder.setAttribute(ERROR_TYPE, type).startSpan();
        span.setStatus(StatusCode.ERROR, description);
        span.end(at(sinceSend), TimeUnit.NANOSECONDS);
    }

    /** A span for an entry of {@code group} taken {@code sinceSend} after the send, linked to the listener's span. */
    private SpanBuilder received(String operation, String group, Duration sinceSend, Map<String, String> fields) {
        long now = sinceSend.toNanos();
        Long previous = lastEntryByGroup.put(group, now);
        lastEntry.accumulateAndGet(now, Math::max);
        SpanBuilder builder = feedbackSpan(operation, previous == null ? 0 : previous).setAttribute(SOURCE_GROUP, group);
        SpanContext listener = TraceContext.from(fields);
        if (listener.isValid()) {
            builder.addLink(listener);
        }
        return builder;
    }

    private SpanBuilder feedbackSpan(String operation, long startSinceSend) {
        return tracer.spanBuilder(operation + " " + request.topic())
                .setParent(sendContext)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(sendEpochNanos + startSinceSend, TimeUnit.NANOSECONDS)
                .setAttribute(MESSAGING_SYSTEM, SpanAttributes.REDIS)
                .setAttribute(OPERATION_TYPE, "receive")
                .setAttribute(OPERATION_NAME, operation)
                .setAttribute(DESTINATION, request.feedbackTopic())
                .setAttribute(DESTINATION_TEMPORARY, true)
                .setAttribute(MESSAGE_ID, request.feedbackTopic());
    }

    private long at(Duration sinceSend) {
        return sendEpochNanos + sinceSend.toNanos();
    }
}
