package io.streamback.examples;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.streamback.Streamback;
import io.streamback.opentelemetry.StreambackTracing;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OpenTelemetry traces from a caller's send through the listener to the replies it reads. */
public final class TracingExample {
    private static final Logger LOG = LoggerFactory.getLogger(TracingExample.class);

    private TracingExample() {
    }

    /** A consumer whose listener's own span nests under Streamback's. */
    static Streamback consumer(OpenTelemetry openTelemetry) {
        Tracer tracer = openTelemetry.getTracer("billing");
        Streamback streamback = Streamback.builder("billing")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .observe(StreambackTracing.of(openTelemetry))
                .build();

        streamback.listen("charge", (context, message) -> {
            Span charge = tracer.spanBuilder("charge card").startSpan();   // a child of "process charge"
            try (Scope ignored = charge.makeCurrent()) {
                message.respond(Map.of("charged", true));
            } finally {
                charge.end();
            }
        });
        return streamback;
    }

    /** A caller whose send continues the trace that is current where it sends. */
    static Object checkout(Streamback shop, Tracer tracer, Object order) {
        Span checkout = tracer.spanBuilder("checkout").startSpan();
        try (Scope ignored = checkout.makeCurrent()) {
            return shop.send("charge", order).read();   // spans "send charge", then "reply charge"
        } finally {
            checkout.end();
        }
    }

    /** Both ends in one JVM, traced by whatever OpenTelemetry the application set up (an agent, the SDK). */
    public static void main(String[] args) {
        OpenTelemetry openTelemetry = GlobalOpenTelemetry.get();   // or the SDK the application built

        Streamback shop = Streamback.builder("shop")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .observe(StreambackTracing.of(openTelemetry))
                .build();

        try (Streamback billing = consumer(openTelemetry).startInBackground(); shop) {
            LOG.info("receipt: {}", checkout(shop, openTelemetry.getTracer("shop"), Map.of("order", 42)));
        }
    }
}
