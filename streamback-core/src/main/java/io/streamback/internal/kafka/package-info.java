/**
 * The main stream on Apache Kafka (kafka-clients).
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.kafka;

import org.jspecify.annotations.NullMarked;
