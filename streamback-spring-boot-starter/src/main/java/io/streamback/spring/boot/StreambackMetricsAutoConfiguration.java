package io.streamback.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.streamback.micrometer.StreambackMetrics;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Records the auto-configured {@link io.streamback.Streamback}'s meters ({@code streamback.*}, see
 * {@link StreambackMetrics}) in the application's {@link MeterRegistry}: Actuator's, or the
 * application's own bean. It applies when {@code streamback-micrometer} is on the classpath and the
 * context has a {@code MeterRegistry}; off with {@code streamback.metrics.enabled=false}. The
 * {@code streamback.metrics.*} properties add the Kafka and Lettuce clients' metrics and tags.
 *
 * <p>It gives the builder the observer through a {@link StreambackBuilderCustomizer}, so a
 * {@code Streamback} bean of the application's own is not measured: give its builder
 * {@code observe(StreambackMetrics.of(registry))}.
 */
@AutoConfiguration(before = StreambackAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, StreambackMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "streamback.metrics", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(StreambackProperties.class)
public class StreambackMetricsAutoConfiguration {
    /** Created by Spring. */
    public StreambackMetricsAutoConfiguration() {
    }

    /** Adds the meters in {@code registry} to the builder of the auto-configured instance. */
    @Bean
    public StreambackBuilderCustomizer streambackMetricsCustomizer(MeterRegistry registry,
            StreambackProperties properties) {
        StreambackProperties.Metrics metrics = properties.getMetrics();
        List<Tag> tags = metrics.getTags().entrySet().stream()
                .map(tag -> Tag.of(tag.getKey(), tag.getValue()))
                .toList();
        return builder -> builder.observe(StreambackMetrics.builder(registry)
                .tags(tags)
                .kafkaClientMetrics(metrics.isKafkaClientMetrics())
                .lettuceMetrics(metrics.isLettuceMetrics())
                .build());
    }
}
