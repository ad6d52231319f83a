/**
 * What a transport must do: {@link io.streamback.spi.MainStream} carries messages (Kafka, memory),
 * {@link io.streamback.spi.FeedbackStream} carries replies (Redis, memory).
 */
@NullMarked
package io.streamback.spi;

import org.jspecify.annotations.NullMarked;
