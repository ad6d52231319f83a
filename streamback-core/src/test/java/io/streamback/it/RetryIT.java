package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.RetryStrategy;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.WorkerSnapshot;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries on real Kafka: a wait longer than {@code max.poll.interval.ms} keeps the worker in its
 * group (it polls with the record's partition paused), then the record goes to the dead-letter
 * topic and its offset is committed; meanwhile the worker's other partitions go on.
 */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RetryIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private record Call(String value, String thread, long nanos) {
    }

    @Test
    void retriesOutlastingTheMaxPollIntervalCauseNoRebalanceAndEndInTheDeadLetterTopic(@Streams String streams) {
        String prefix = unique("retry_prefix");
        String topic = unique("retry");
        String deadLetters = unique("retry_dead");
        String fullTopic = prefix + "." + topic;
        List<Call> calls = new CopyOnWriteArrayList<>();
        Admin admin = closer.add(ItSupport.admin());
        LoadSupport.createTopic(admin, fullTopic, 1);
        Streamback consumer = closer.add(Streamback.builder(unique("retry_consumer")).streams(streams)
                .topicsPrefix(prefix)
                .kafkaProperty("max.poll.interval.ms", "1500")
                .build());
        consumer.listen(topic, RetryStrategy.times(2).interval(RETRY_INTERVAL).deadLetterTopic(deadLetters),
                message -> {
                    String value = String.valueOf(message.value());
                    calls.add(new Call(value, Thread.currentThread().getName(), System.nanoTime()));
                    if (value.equals("poison")) {
                        throw new IllegalStateException("cannot digest poison");
                    }
                    message.respond("digested " + value);
                }).startInBackground();
        Streamback producer = closer.add(Streamback.builder(unique("retry_producer")).streams(streams)
                .topicsPrefix(prefix).build());

        FeedbackLane poison = producer.send(topic, "poison", "poison-key");
        FeedbackLane next = producer.send(topic, "next", "next-key");

        assertThatThrownBy(() -> poison.read(REPLY_TIMEOUT)).isInstanceOfSatisfying(FeedbackException.class,
                e -> assertThat(e.remoteError()).isEqualTo("IllegalStateException('cannot digest poison')"));
        assertThat(next.read(REPLY_TIMEOUT)).isEqualTo("digested next");
        assertThatThrownBy(() -> next.read(REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);

        List<Call> poisonCalls = calls.stream().filter(call -> call.value().equals("poison")).toList();
        assertThat(poisonCalls).as("the first try and two retries, no redelivery").hasSize(3);
        assertThat(poisonCalls).extracting(Call::thread).as("one worker").containsOnly(poisonCalls.get(0).thread());
        for (int i = 1; i < poisonCalls.size(); i++) {
            assertThat(Duration.ofNanos(poisonCalls.get(i).nanos() - poisonCalls.get(i - 1).nanos()))
                    .as("each wait outlasts max.poll.interval.ms").isGreaterThan(Duration.ofMillis(1_900));
        }
        assertThat(calls).extracting(Call::value).containsExactly("poison", "poison", "poison", "next");
        await().atMost(PATIENCE).untilAsserted(() -> {
            WorkerGroupSnapshot pool = consumer.snapshot().groups().get(0);
            assertThat(pool.members()).singleElement().satisfies(worker -> {
                assertThat("streamback-" + worker.id()).isEqualTo(poisonCalls.get(0).thread());
                assertThat(worker.revocations()).as("no rebalance took partitions away").isZero();
                assertThat(worker.processed()).isEqualTo(2);
                assertThat(worker.failed()).isEqualTo(1);
            });
        });

        ConsumerRecord<byte[], byte[]> original = ItSupport.readRaw(fullTopic, 1).get(0);
        ConsumerRecord<byte[], byte[]> dead = ItSupport.readRaw(prefix + "." + deadLetters, 1).get(0);
        assertThat(dead.key()).isEqualTo("poison-key".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.value()).isEqualTo(original.value());
        Map<String, String> headers = new HashMap<>();
        for (Header header : dead.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("streamback.error", "IllegalStateException('cannot digest poison')")
                .containsEntry("streamback.original.topic", fullTopic)
                .containsEntry("streamback.original.partition", "0")
                .containsEntry("streamback.original.offset", Long.toString(original.offset()))
                .containsKey("streamback.listener");
        assertThat(headers.get("streamback.listener")).startsWith(topic);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ItSupport.committedOffset(admin, consumer.group(), fullTopic)).isEqualTo(2));
        assertThat(consumer.snapshot().groups().get(0).members()).extracting(WorkerSnapshot::revocations)
                .containsOnly(0L);
    }

    @Test
    void aWaitingRetryPausesOnlyItsPartition(@Streams String streams) {
        String topic = unique("retry_partition");
        List<Call> calls = new CopyOnWriteArrayList<>();
        Admin admin = closer.add(ItSupport.admin());
        LoadSupport.createTopic(admin, topic, 2);
        Streamback consumer = closer.add(Streamback.builder(unique("retry_partition_consumer")).streams(streams)
                .build());
        AtomicInteger poisonTries = new AtomicInteger();
        consumer.listen(topic, RetryStrategy.times(1).interval(Duration.ofSeconds(3)), message -> {
            String value = String.valueOf(message.value());
            calls.add(new Call(value, Thread.currentThread().getName(), System.nanoTime()));
            if (value.equals("flaky") && poisonTries.incrementAndGet() == 1) {
                throw new IllegalStateException("fails once");
            }
            message.respond("done " + value);
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("retry_partition_producer"), streams));
        String first = keyFor(0, 2);
        String second = keyFor(1, 2);

        FeedbackLane flaky = producer.send(topic, "flaky", first);
        FeedbackLane behindIt = producer.send(topic, "behind", first);
        List<FeedbackLane> others = IntStream.range(0, 5)
                .mapToObj(i -> producer.send(topic, "other " + i, second)).toList();
        for (int i = 0; i < others.size(); i++) {
            assertThat(others.get(i).read(REPLY_TIMEOUT)).isEqualTo("done other " + i);
        }
        assertThat(flaky.read(REPLY_TIMEOUT)).isEqualTo("done flaky");
        assertThat(behindIt.read(REPLY_TIMEOUT)).isEqualTo("done behind");

        List<String> order = calls.stream().map(Call::value).toList();
        int retry = order.lastIndexOf("flaky");
        assertThat(order.subList(0, retry)).as("handled before the retry: the other partition went on while it"
                + " waited").containsOnlyOnce("flaky", "other 0", "other 1", "other 2", "other 3", "other 4");
        assertThat(order.subList(retry, order.size())).as("its own partition waited for it")
                .containsExactly("flaky", "behind");
        assertThat(calls).extracting(Call::thread).as("one worker").containsOnly(calls.get(0).thread());
    }

    /** A record key that the default partitioner puts in {@code partition} of {@code partitions}. */
    private static String keyFor(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }
}
