package io.streamback.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Spring for Apache Kafka's {@link ReplyingKafkaTemplate} without an application context: a request
 * topic and a reply topic, Spring's reply container (defaults), and a plain KafkaConsumer/KafkaProducer
 * responder loop that sends each request's value to its {@link KafkaHeaders#REPLY_TOPIC} with the
 * {@link KafkaHeaders#CORRELATION_ID} copied. Both producers use the floor's durability settings.
 */
final class SpringRkt implements RpcClient {
    private final String requestTopic;
    private final DefaultKafkaProducerFactory<String, String> producerFactory;
    private final ReplyingKafkaTemplate<String, String, String> template;
    private final Thread responder;
    private volatile boolean running = true;

    SpringRkt(Infra infra, int partitions) {
        this.requestTopic = infra.topic("rkt_request", partitions);
        String replyTopic = infra.topic("rkt_reply", partitions);

        this.producerFactory = new DefaultKafkaProducerFactory<>(
                infra.producerProps(0), new StringSerializer(), new StringSerializer());
        Map<String, Object> replyConsumer = infra.consumerProps(infra.unique("rkt_replies"));
        ConcurrentMessageListenerContainer<String, String> replies = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(replyConsumer, new StringDeserializer(), new StringDeserializer()),
                new ContainerProperties(replyTopic));
        replies.setBeanName("rkt-replies");
        this.template = new ReplyingKafkaTemplate<>(producerFactory, replies);
        template.setDefaultReplyTimeout(Duration.ofSeconds(10));
        template.afterPropertiesSet();
        template.start();

        CountDownLatch ready = new CountDownLatch(1);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(infra.consumerProps(null), new StringDeserializer(), new StringDeserializer());
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(infra.producerProps(0), new StringSerializer(), new StringSerializer());
        this.responder = new Thread(() -> respond(consumer, producer, partitions, ready), "rkt-responder");
        responder.start();
        FloorRpc.await(ready);
        try {
            if (!template.waitForAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the reply container got no partitions in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void respond(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer,
            int partitions, CountDownLatch ready) {
        try (consumer; producer) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(requestTopic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            ready.countDown();
            while (running) {
                for (ConsumerRecord<String, String> request : consumer.poll(Duration.ofMillis(100))) {
                    Header replyTo = request.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
                    Header correlation = request.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
                    producer.send(new ProducerRecord<>(new String(replyTo.value(), StandardCharsets.UTF_8), null,
                            request.key(), request.value(),
                            List.of(new RecordHeader(KafkaHeaders.CORRELATION_ID, correlation.value()))));
                }
            }
        }
    }

    @Override
    public CompletableFuture<?> call(int i) {
        return template.sendAndReceive(new ProducerRecord<>(requestTopic, RpcClient.payload(i)));
    }

    @Override
    public void close() {
        running = false;
        try {
            responder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        template.stop();
        template.destroy();
        producerFactory.destroy();
    }
}
