package io.streamback.spring.boot;

import io.streamback.Streamback;
import io.streamback.spring.boot.internal.StreambackLivenessIndicator;
import io.streamback.spring.boot.internal.StreambackReadinessIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Adds the context's one {@link Streamback} bean to Actuator's health as the contributor
 * {@code streamback}, with two components for the two kinds of probe, from
 * {@link Streamback#health()}:
 *
 * <ul>
 *   <li>{@code streamback/liveness}: down once the instance is closed or while a worker group has
 *       fewer live workers than it asked for; details: each worker group's topics, workers and lag;
 *   <li>{@code streamback/readiness}: down while Kafka or, with a feedback stream, Redis did not
 *       answer the last check; details: each server's address (passwords masked) and answer.
 * </ul>
 *
 * <p>Down ones give their reason as the detail {@code reason}. Kubernetes probes take them with
 * {@code management.endpoint.health.group.liveness.include=livenessState,streamback/liveness} and
 * {@code ...group.readiness.include=readinessState,streamback/readiness}. Only the first health
 * request waits for the servers, at most 2.5 s; later ones answer at once with the latest check
 * (every 5 s). Off with {@code management.health.streamback.enabled=false}.
 */
@AutoConfiguration(after = StreambackAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnSingleCandidate(Streamback.class)
@ConditionalOnEnabledHealthIndicator("streamback")
public class StreambackHealthAutoConfiguration {
    /** Created by Spring. */
    public StreambackHealthAutoConfiguration() {
    }

    /** The contributor {@code streamback}, with components {@code liveness} and {@code readiness}. */
    @Bean
    @ConditionalOnMissingBean(name = {"streambackHealthIndicator", "streambackHealthContributor"})
    public HealthContributor streambackHealthContributor(Streamback streamback) {
        Map<String, HealthIndicator> probes = new LinkedHashMap<>();
        probes.put("liveness", new StreambackLivenessIndicator(streamback));
        probes.put("readiness", new StreambackReadinessIndicator(streamback));
        return CompositeHealthContributor.fromMap(probes);
    }
}
