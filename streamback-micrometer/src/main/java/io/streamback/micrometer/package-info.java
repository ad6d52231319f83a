/**
 * Micrometer metrics for Streamback: {@link io.streamback.micrometer.StreambackMetrics} binds an
 * instance to a {@code MeterRegistry}, with the Kafka and Lettuce clients' own metrics when asked.
 */
@NullMarked
package io.streamback.micrometer;

import org.jspecify.annotations.NullMarked;
