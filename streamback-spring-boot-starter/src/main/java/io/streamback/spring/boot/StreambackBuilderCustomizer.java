package io.streamback.spring.boot;

import io.streamback.StreambackBuilder;

/**
 * Changes the builder of the auto-configured {@link io.streamback.Streamback} after the
 * {@code streamback.*} properties were applied, e.g. to set a mapper or a kafka-clients property
 * computed at run time. Declare one or more as beans; they run in their {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * StreambackBuilderCustomizer snakeCase() {
 *     return builder -> builder.objectMapper(JsonMapper.builder()
 *             .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StreambackBuilderCustomizer {
    /** Changes {@code builder}; its settings so far come from the properties. */
    void customize(StreambackBuilder builder);
}
