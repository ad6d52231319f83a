package io.streamback.spring.boot.internal;

import io.streamback.Health.Probe;
import org.springframework.boot.actuate.health.Health;

/** What the two indicators share: a verdict as Actuator's status, with its reason when down. */
final class HealthDetails {
    private HealthDetails() {
    }

    /** Up, or down with detail {@code reason}. */
    static void probe(Health.Builder builder, Probe probe) {
        if (probe.up()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", probe.reason());
        }
    }
}
