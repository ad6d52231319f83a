package io.streamback.internal.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Told of every Kafka client the main stream creates, so that metrics of the client can be bound
 * (Micrometer's {@code KafkaClientMetrics}). The engine hands it every registered
 * {@code StreambackObserver} that also implements this interface.
 *
 * <p>The one part of {@code io.streamback.internal} another module uses:
 * {@code streamback-micrometer} implements it, and changes with it in the same release (the BOM
 * keeps both at one version). Each method runs on the thread creating the client (a sender's, a
 * worker's, the health check's); the handle it returns is closed just before the client is.
 */
public interface KafkaClientInstrumentation {
    /** The producer shared by every sender of the instance named {@code application} was created. */
    AutoCloseable producerCreated(String application, Producer<?, ?> producer);

    /** A worker's consumer was created for {@code application}, named {@code clientId}. */
    AutoCloseable consumerCreated(String application, Consumer<?, ?> consumer, String clientId);

    /** The admin client (lag, health) of {@code application} was created. */
    AutoCloseable adminCreated(String application, Admin admin);
}
