package io.streamback.spring.boot.internal;

import io.streamback.Health.Server;
import io.streamback.Streamback;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator's view of {@link io.streamback.Health#readiness()}: up when Kafka and, with a feedback
 * stream, Redis answered the last check; its details are each server's address (passwords masked),
 * whether it answered, its answer or why not, and when it was checked.
 */
public final class StreambackReadinessIndicator extends AbstractHealthIndicator {
    private final Streamback streamback;

    /** The readiness of {@code streamback}. */
    public StreambackReadinessIndicator(Streamback streamback) {
        super("Streamback readiness check failed");
        this.streamback = streamback;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        io.streamback.Health health = streamback.health();
        HealthDetails.probe(builder, health.readiness());
        builder.withDetail("checkedAt", health.checkedAt().toString());
        builder.withDetail("mainStream", server(health.mainStream()));
        if (health.feedbackStream() != null) {
            builder.withDetail("feedbackStream", server(health.feedbackStream()));
        }
    }

    private static Map<String, Object> server(Server server) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", server.address());
        details.put("reachable", server.reachable());
        details.put("detail", server.detail());
        if (server.checkedAt() != null) {
            details.put("checkedAt", server.checkedAt().toString());
        }
        return details;
    }
}
