package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.bootstrapServers;
import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.unique;

import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Helpers of the load tests: topics with several partitions, many messages fast, offsets over all partitions. */
final class LoadSupport {
    private LoadSupport() {
    }

    /** Creates {@code topic} with {@code partitions} partitions and waits until the broker has it. */
    static void createTopic(Admin admin, String topic, int partitions) {
        get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
    }

    /**
     * Writes one-way messages (no feedback topic, so listeners write nothing to Redis) whose value is
     * {@code {"id": i}} for every {@code i} in {@code [from, to)}, keyed {@code k<i>}, and waits until the
     * broker has them all.
     */
    static void produceIds(String topic, int from, int to) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, unique("it-load-producer"),
                ProducerConfig.LINGER_MS_CONFIG, "5",
                // on a loaded 2-core machine a request can outlast the 30 s default; a retried batch
                // behind later ones then fails the idempotent producer's sequence check for good
                // (OutOfOrderSequenceException, seen once): one request in flight and a longer timeout
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "240000"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                byte[] value = WireCodec.encode(new MainEnvelope(Map.of("id", i), Events.MESSAGE, null, "load_it",
                        Map.of()));
                sent.add(producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }

    /** The message id of a value written by {@link #produceIds}. */
    static int idOf(Object value) {
        return ((Number) ((Map<?, ?>) value).get("id")).intValue();
    }

    /** Committed offsets of {@code group} on {@code topic}, per partition (absent: none committed). */
    static Map<Integer, Long> committed(Admin admin, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<Integer, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                result.put(partition.partition(), offset.offset());
            }
        });
        return result;
    }

    /** End offsets of the {@code partitions} partitions of {@code topic}. */
    static Map<Integer, Long> endOffsets(Admin admin, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> result = new HashMap<>();
        get(admin.listOffsets(request).all()).forEach((partition, info) -> result.put(partition.partition(),
                info.offset()));
        return result;
    }
}
