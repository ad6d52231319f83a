package io.streamback.spring.boot.internal;

import io.streamback.Health.GroupHealth;
import io.streamback.Streamback;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator's view of {@link io.streamback.Health#liveness()}: up unless the instance is closed or a
 * worker group has fewer live workers than it asked for; it does not depend on Kafka or Redis. Its
 * details are each worker group's topics, workers alive and desired, and lag.
 */
public final class StreambackLivenessIndicator extends AbstractHealthIndicator {
    private final Streamback streamback;

    /** The liveness of {@code streamback}. */
    public StreambackLivenessIndicator(Streamback streamback) {
        super("Streamback liveness check failed");
        this.streamback = streamback;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        io.streamback.Health health = streamback.health();
        HealthDetails.probe(builder, health.liveness());
        Map<String, Object> groups = new LinkedHashMap<>();
        for (GroupHealth group : health.workerGroups()) {
            groups.put(group.name(), group(group));
        }
        builder.withDetail("workerGroups", groups);
    }

    private static Map<String, Object> group(GroupHealth group) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", group.topics().stream().sorted().toList());
        details.put("workers", group.workers());
        details.put("desired", group.desired());
        details.put("lag", group.lag());
        return details;
    }
}
