/**
 * OpenTelemetry tracing for Streamback with W3C trace context:
 * {@link io.streamback.opentelemetry.StreambackTracing} makes the observer that traces an instance's
 * sends, listeners and reads.
 */
@NullMarked
package io.streamback.opentelemetry;

import org.jspecify.annotations.NullMarked;
