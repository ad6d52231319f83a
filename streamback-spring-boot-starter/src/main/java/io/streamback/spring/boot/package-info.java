/**
 * Spring Boot auto-configuration for Streamback: a {@link io.streamback.Streamback} bean from the
 * {@code streamback.*} properties ({@link io.streamback.spring.boot.StreambackProperties}), changed by
 * {@link io.streamback.spring.boot.StreambackBuilderCustomizer} beans; the {@code @Listen} methods of
 * the context's beans and its {@link io.streamback.Router} beans registered, listening started once
 * the context is refreshed and stopped gracefully when it closes; with {@code streamback-micrometer}
 * and a {@code MeterRegistry}, its meters in that registry
 * ({@link io.streamback.spring.boot.StreambackMetricsAutoConfiguration}); with Actuator, its liveness
 * and readiness in the health endpoint ({@link io.streamback.spring.boot.StreambackHealthAutoConfiguration}).
 */
@NullMarked
package io.streamback.spring.boot;

import org.jspecify.annotations.NullMarked;
