package io.streamback.it;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.testkit.StreambackTestKit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shared helpers of the integration tests: unique names, plain kafka-clients producer, consumer
 * and admin client, and a raw Lettuce connection, all on the shared embedded servers.
 */
final class ItSupport {
    /** How long a test waits for something that should happen within a second or two. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private ItSupport() {
    }

    /** {@code base} followed by a random suffix: a topic, app or group name no other test uses. */
    static String unique(String base) {
        return base + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static StreambackTestKit kit() {
        return StreambackTestKit.shared();
    }

    static String bootstrapServers() {
        return kit().kafka().bootstrapServers();
    }

    /** Writes one record as is (any bytes) and waits until the broker has it. */
    static void produceRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, unique("it-raw-producer")),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("raw produce to " + topic + " failed", e);
        }
    }

    static void produceRaw(String topic, byte[] value) {
        produceRaw(topic, null, value);
    }

    static void produceRaw(String topic, String utf8Json) {
        produceRaw(topic, null, utf8Json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the first {@code count} records of partition 0 of {@code topic} with a plain consumer (no group). */
    static List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, unique("it-raw-consumer"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The committed offset of {@code group} on partition 0 of {@code topic}, or -1 when none. */
    static long committedOffset(Admin admin, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
        return offset == null ? -1 : offset.offset();
    }

    static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw Redis connection to the shared server, for checks the library must not influence. */
    static RawRedis redis() {
        return new RawRedis();
    }

    /** A plain Lettuce client and connection; close it when done. */
    static final class RawRedis implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        private RawRedis() {
            RedisURI uri = RedisURI.create(kit().redis().uri());
            uri.setClientName(unique("it-raw-redis"));
            client = RedisClient.create(uri);
            connection = client.connect();
        }

        RedisCommands<String, String> sync() {
            return connection.sync();
        }

        /** The lines of {@code CLIENT LIST} whose {@code name=} is exactly {@code name}. */
        List<String> clientsNamed(String name) {
            List<String> lines = new ArrayList<>();
            for (String line : sync().clientList().split("\\R")) {
                for (String field : line.trim().split(" ")) {
                    if (field.equals("name=" + name)) {
                        lines.add(line);
                    }
                }
            }
            return lines;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Closes what a test opened, last opened first; every close is attempted. */
    /** Closes what a test opened, newest first, after each test: register it with {@code @RegisterExtension}. */
    static final class Closer implements AutoCloseable, AfterEachCallback {
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();

        synchronized <T extends AutoCloseable> T add(T resource) {
            resources.push(resource);
            return resource;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            close();
        }

        @Override
        public void close() {
            IllegalStateException failure = null;
            while (true) {
                AutoCloseable next;
                synchronized (this) {
                    next = resources.poll();
                }
                if (next == null) {
                    break;
                }
                try {
                    next.close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new IllegalStateException("closing test resources failed", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
