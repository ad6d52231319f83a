package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void sharedBrokerIsStartedOnceOnLoopback() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();

        assertThat(EmbeddedKafka.shared()).isSameAs(kafka);
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void producedRecordCanBeConsumed(String groupProtocol) throws Exception {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        String topic = "testkit-" + groupProtocol + "-" + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key", "hello " + groupProtocol)).get();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + UUID.randomUUID(),
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            consumer.commitSync();
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("key");
            assertThat(record.value()).isEqualTo("hello " + groupProtocol);
        });
    }

    @Test
    void startsOnAnExplicitPortAndStops() throws Exception {
        int port = Ports.free();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).singleElement()
                        .satisfies(node -> assertThat(node.port()).isEqualTo(port));
            }
        }
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void failsClearlyWhenPortIsInUse() {
        String bootstrap = EmbeddedKafka.shared().bootstrapServers();
        int usedPort = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));

        assertThatThrownBy(() -> EmbeddedKafka.start(usedPort))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("could not start Kafka on 127.0.0.1:" + usedPort + ": port in use");
    }
}
