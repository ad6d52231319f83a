package io.streamback.opentelemetry;

import static io.streamback.opentelemetry.SpanAttributes.DEAD_LETTER_TOPIC;
import static io.streamback.opentelemetry.SpanAttributes.ERROR_TYPE;
import static io.streamback.opentelemetry.SpanAttributes.LISTENER;
import static io.streamback.opentelemetry.SpanAttributes.OUTCOME;
import static io.streamback.opentelemetry.SpanAttributes.RETRY;
import static io.streamback.opentelemetry.SpanAttributes.RETRY_WAIT_MS;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.streamback.ListenerInfo;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code process} span of one record: current on the thread that runs each listener, so the
 * listener's own spans are its children; it ends when the record is done, with an error status when
 * a listener failed for good, the record was given up or it came after its deadline. Its context is
 * the {@code traceparent} of every reply and end marker of the record.
 */
final class RecordTrace implements RecordObserver {
    private final Span span;
    /** The scope each thread running one of this observer's listeners opened, closed after the call. */
    private final ThreadLocal<@Nullable Scope> scopes;

    RecordTrace(Span span, ThreadLocal<@Nullable Scope> scopes) {
        this.span = span;
        this.scopes = scopes;
    }

    @Override
    public Map<String, String> feedbackFields() {
        return TraceContext.of(span);
    }

    @Override
    public void beforeListener(ListenerInfo listener) {
        scopes.set(span.makeCurrent());
    }

    @Override
    public void afterListener(ListenerInfo listener, @Nullable Throwable error) {
        Scope scope = scopes.get();
        scopes.remove();
        if (scope != null) {
            scope.close();
        }
        if (error != null) {
            span.recordException(error, Attributes.of(LISTENER, listener.name()));
        }
    }

    @Override
    public void listenerRetrying(ListenerInfo listener, Duration took, Throwable error, int retry, Duration wait) {
        span.addEvent("retry", Attributes.of(LISTENER, listener.name(), RETRY, (long) retry, RETRY_WAIT_MS,
                wait.toMillis(), ERROR_TYPE, error.getClass().getName()));
    }

    @Override
    public void listenerFailed(ListenerInfo listener, Duration took, Throwable error) {
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR, listener.name() + " failed: " + error);
    }

    @Override
    public void deadLettered(ListenerInfo listener, String deadLetterTopic) {
        span.addEvent("dead_letter", Attributes.of(LISTENER, listener.name(), DEAD_LETTER_TOPIC, deadLetterTopic));
    }

    @Override
    public void finished(RecordOutcome outcome, Duration took) {
        span.setAttribute(OUTCOME, SpanAttributes.lower(outcome));
        switch (outcome) {
            case GIVEN_UP -> {
                span.setAttribute(ERROR_TYPE, "WorkerKilled");
                span.setStatus(StatusCode.ERROR, "the record killed two workers and was given up");
            }
            case EXPIRED -> {
                span.setAttribute(ERROR_TYPE, "DeadlineExceeded");
                span.setStatus(StatusCode.ERROR, "the request arrived after its deadline: no listener ran it");
            }
            case HANDLED, FAILED -> {
                // a failure's status was set by listenerFailed
            }
        }
        span.end();
    }
}
