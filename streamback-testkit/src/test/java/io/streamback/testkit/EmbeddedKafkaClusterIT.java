package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaClusterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 1_000;

    private static EmbeddedKafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startCluster() {
        long startedAt = System.nanoTime();
        cluster = EmbeddedKafkaCluster.start();
        System.out.printf("EmbeddedKafkaClusterIT: 3 brokers started in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeBrokersOnLoopbackReplicateEveryTopicThreeTimes() throws Exception {
        String topic = "cluster-rf-" + UUID.randomUUID();

        assertThat(cluster.brokerIds()).containsExactly(1, 2, 3);
        assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
        assertThat(cluster.bootstrapServers()).startsWith(cluster.address(1) + ",");
        assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) -1))).all().get();
        assertThat(describe(topic).partitions()).hasSize(PARTITIONS)
                .allSatisfy(info -> assertThat(info.replicas()).hasSize(3));
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
        assertThat(admin.describeConfigs(List.of(broker)).all().get().get(broker).get("min.insync.replicas").value())
                .isEqualTo("2");
        assertThatThrownBy(() -> cluster.killBroker(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.restartBroker(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is running");
    }

    @Test
    void killedBrokerLeavesTheClusterServingAndComesBackOnRestart() throws Exception {
        String topic = "cluster-kill-" + UUID.randomUUID();
        String group = "cluster-kill-group-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all().get();
        Set<String> received = new HashSet<>();

        try (KafkaProducer<String, String> producer = producer();
                KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            send(producer, topic, 0, RECORDS / 2);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> received.add(record.value()));
                consumer.commitSync();
                return received.size() == RECORDS / 2;
            });

            int victim = cluster.leaderOf(topic, 0);
            assertThat(cluster.coordinatorOf(group)).isIn(cluster.brokerIds());
            cluster.killBroker(victim);
            assertThat(cluster.isRunning(victim)).isFalse();
            assertThatThrownBy(() -> cluster.killBroker(victim)).isInstanceOf(IllegalStateException.class);

            send(producer, topic, RECORDS / 2, RECORDS);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> received.add(record.value()));
                return received.size() == RECORDS;
            });
            consumer.commitSync();
            assertThat(cluster.leaderOf(topic, 0)).as("new leader of partition 0").isNotEqualTo(victim).isPositive();
            assertThat(cluster.coordinatorOf(group)).as("coordinator while broker %d is dead", victim)
                    .isNotEqualTo(victim);

            long restartedAt = System.nanoTime();
            cluster.restartBroker(victim);
            assertThat(cluster.isRunning(victim)).isTrue();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(describe(topic).partitions())
                    .allSatisfy(info -> assertThat(info.isr()).extracting(Node::id).contains(victim)));
            System.out.printf("EmbeddedKafkaClusterIT: broker %d killed, restarted and back in sync in %d ms%n",
                    victim, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt));
        }
        assertThat(received).hasSize(RECORDS);
    }

    private static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get();
    }

    private static void send(KafkaProducer<String, String> producer, String topic, int from, int to)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
        }
        for (Future<RecordMetadata> future : sent) {
            future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
