/**
 * What a transport must do: {@link io.streamback.internal.spi.MainStream} carries messages (Kafka, memory),
 * {@link io.streamback.internal.spi.FeedbackStream} carries replies (Redis, memory).
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.spi;

import org.jspecify.annotations.NullMarked;
