package io.streamback.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor: Streamback's transport written by hand with nothing else. A durable producer
 * (acks=all, idempotence, linger.ms=0) sends {@code key\npayload} (or, in {@link FloorFormat#PYTHON},
 * the protocol's envelope); a KafkaConsumer poll loop on its own thread answers each record with a
 * pipelined {@code LPUSH key reply} + {@code EXPIRE key 300};
 * the caller waits in {@code BRPOP key} on a Lettuce connection of its own (one connection per
 * request in flight, taken from a pool).
 *
 * <p>{@link #ofProtocol} is the sequential floor of any client of the protocol that follows the
 * library's rules: Python's records and entries, and the reply handed from Lettuce's I/O thread to
 * a thread of its own, which decodes it and completes the caller's future.
 */
final class FloorRpc implements RpcClient {
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final BlockingQueue<StatefulRedisConnection<String, String>> callers;
    private final List<StatefulRedisConnection<String, String>> allCallers = new ArrayList<>();
    private final StatefulRedisConnection<String, String> responderRedis;
    private final Thread responder;
    private final FloorFormat format;
    private final HandOverThread completions;
    private volatile boolean running = true;

    FloorRpc(Infra infra, int partitions, int callerConnections) {
        this(infra, partitions, callerConnections, FloorFormat.RAW, false);
    }

    /** The floor's producer and responder, with {@code format}'s records and entries. */
    FloorRpc(Infra infra, int partitions, int callerConnections, FloorFormat format) {
        this(infra, partitions, callerConnections, format, false);
    }

    /** The protocol's sequential floor: Python's records and entries, replies handled off Lettuce's thread. */
    static FloorRpc ofProtocol(Infra infra, int partitions) {
        return new FloorRpc(infra, partitions, 1, FloorFormat.PYTHON, true);
    }

    private FloorRpc(Infra infra, int partitions, int callerConnections, FloorFormat format, boolean handOver) {
        this.format = format;
        this.completions = handOver ? new HandOverThread("floor-completions") : null;
        this.topic = infra.topic("floor_rpc", partitions);
        this.producer = new KafkaProducer<>(infra.producerProps(0), new StringSerializer(), new StringSerializer());
        this.callers = new ArrayBlockingQueue<>(Math.max(1, callerConnections));
        for (int i = 0; i < callerConnections; i++) {
            StatefulRedisConnection<String, String> connection = infra.redis();
            allCallers.add(connection);
            callers.add(connection);
        }
        this.responderRedis = infra.redis();
        CountDownLatch ready = new CountDownLatch(1);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(infra.consumerProps(null), new StringDeserializer(), new StringDeserializer());
        this.responder = new Thread(() -> respond(consumer, partitions, ready), "floor-responder");
        responder.start();
        await(ready);
    }

    private void respond(KafkaConsumer<String, String> consumer, int partitions, CountDownLatch ready) {
        try (consumer) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            ready.countDown();
            RedisAsyncCommands<String, String> redis = responderRedis.async();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    String[] answer = format.answer(record.value());
                    String key = answer[0];
                    redis.lpush(key, Arrays.copyOfRange(answer, 1, answer.length));
                    redis.expire(key, 300);
                }
            }
        }
    }

    @Override
    public CompletableFuture<?> call(int i) {
        String key = FeedbackKeys.newKey();
        StatefulRedisConnection<String, String> connection;
        try {
            connection = callers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        produce(key, i);
        CompletableFuture<KeyValue<String, String>> popped = connection.async().brpop(10L, key).toCompletableFuture()
                .whenComplete((reply, error) -> callers.add(connection));
        return completions == null ? popped.thenApply(reply -> replyOf(key, reply))
                : popped.thenApplyAsync(reply -> replyOf(key, reply), completions);
    }

    private Object replyOf(String key, KeyValue<String, String> popped) {
        if (popped == null || !popped.hasValue()) {
            throw new IllegalStateException(new TimeoutException("no reply on " + key));
        }
        return format.reply(popped.getValue());
    }

    /** Sends request {@code i}, to be answered on {@code key}. */
    void produce(String key, int i) {
        producer.send(new ProducerRecord<>(topic, format.request(key, i)));
    }

    @Override
    public void close() {
        running = false;
        try {
            responder.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        allCallers.forEach(StatefulRedisConnection::close);
        responderRedis.close();
        if (completions != null) {
            completions.close();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not ready after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
