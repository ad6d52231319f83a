package io.streamback.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in and out of text maps: the Kafka
 * headers of a message and the extra fields of a feedback entry. Always W3C, whatever propagators
 * the application configured, because that is what travels on the wire between JVM and Python
 * services.
 */
final class TraceContext {
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };

    private TraceContext() {
    }

    /** {@code span}'s context as {@code traceparent} (and {@code tracestate} when it has one). */
    static Map<String, String> of(Span span) {
        Map<String, String> fields = new LinkedHashMap<>(2);
        W3C.inject(Context.root().with(span), fields, SETTER);
        return fields;
    }

    /**
     * The context a span continuing {@code carrier}'s trace has as parent: the root context with
     * the remote span it names, or the root context alone (a new trace) when it names none.
     */
    static Context parentOf(Map<String, String> carrier) {
        return carrier.isEmpty() ? Context.root() : W3C.extract(Context.root(), carrier, GETTER);
    }

    /** The remote span context {@code carrier} names, or an invalid one when it names none (or a malformed one). */
    static SpanContext from(Map<String, String> carrier) {
        return Span.fromContext(parentOf(carrier)).getSpanContext();
    }
}
