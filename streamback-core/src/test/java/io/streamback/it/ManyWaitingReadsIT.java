package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** Thousands of reads wait at once on a handful of Redis connections and threads. */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManyWaitingReadsIT {
    private static final int READS = 2_000;
    private static final int MAX_CONNECTIONS = 4;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @ParameterizedTest(name = "reads {0}")
    @ValueSource(strings = {"by keyspace notifications", "by one BRPOP (?reads=blocking)"})
    void twoThousandReadsShareAFewConnections(String mode, @Streams String kitStreams) throws Exception {
        boolean blocking = mode.contains("BRPOP");
        String streams = kitStreams + (blocking ? "?reads=blocking" : "");
        String topic = unique("many_reads");
        String producerName = unique("many_reads_producer");
        String clientName = "streamback:" + producerName;
        Streamback producer = closer.add(Streamback.create(producerName, streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        List<FeedbackLane> lanes = new ArrayList<>();
        for (int i = 0; i < READS; i++) {
            lanes.add(producer.send(topic, Map.of("i", i)));
        }
        producer.flush();
        List<CompletableFuture<Object>> reads = new ArrayList<>();
        for (FeedbackLane lane : lanes) {
            reads.add(lane.readAsync(Duration.ofSeconds(60)));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(redis.clientsNamed(clientName))
                .as("the producer's connections once every read waits")
                .anyMatch(line -> line.contains(blocking ? "cmd=brpop" : "cmd=psubscribe")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(redis.clientsNamed(clientName)).hasSizeBetween(1, MAX_CONNECTIONS);
            assertThat(reads).noneMatch(CompletableFuture::isDone);
        });
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .as("threads started for %d waiting reads", READS).isLessThan(50);

        closer.add(Streamback.create(unique("many_reads_consumer"), streams))
                .listen(topic, message -> message.respond(message.value()))
                .startInBackground();

        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < READS; i++) {
            assertThat(reads.get(i).join()).as("reply %d", i).isEqualTo(Map.of("i", i));
        }
        assertThat(redis.clientsNamed(clientName)).hasSizeBetween(1, MAX_CONNECTIONS);
    }

    @ParameterizedTest(name = "reads {0}")
    @ValueSource(strings = {"by keyspace notifications", "by one BRPOP (?reads=blocking)"})
    void aNewReadIsServedAtOnceWhileAnotherReadWaits(String mode, @Streams String kitStreams) {
        String streams = kitStreams + (mode.contains("BRPOP") ? "?reads=blocking" : "");
        Streamback producer = closer.add(Streamback.create(unique("short_reads"), streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        CompletableFuture<Object> silent = producer.continueStream(freshKey()).readAsync(Duration.ofSeconds(60));

        for (int i = 0; i < 200; i++) {
            String key = freshKey();
            redis.sync().lpush(key, "{\"value\": " + i + ", \"event\": \"response\", \"source_group\": \"g\"}");
            redis.sync().expire(key, 60);

            assertThat(producer.continueStream(key).read(Duration.ofSeconds(1)))
                    .as("read %d: its reply is already in Redis, it must not wait for the other read's BRPOP", i)
                    .isEqualTo(i);
        }
        assertThat(silent).isNotDone();
    }

    private static String freshKey() {
        return "streamback_feedback_" + UUID.randomUUID();
    }
}
