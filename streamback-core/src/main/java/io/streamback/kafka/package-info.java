/** The main stream on Apache Kafka (kafka-clients). */
@NullMarked
package io.streamback.kafka;

import org.jspecify.annotations.NullMarked;
