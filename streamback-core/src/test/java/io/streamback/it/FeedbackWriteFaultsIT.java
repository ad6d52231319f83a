package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reply or end marker that cannot be written is retried for the write timeout; if it still
 * fails, its record is not committed and is delivered again, so no caller is left without an
 * answer. The consumer answers a steady flow of requests while its Redis is gone for longer than
 * its 2 s write timeout.
 */
@StreambackTest
@Tag("long")
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class FeedbackWriteFaultsIT {
    private static final int REQUESTS = 100;
    /** The request whose handler brings Redis down (once every earlier reply was read). */
    private static final int FAULT_AT = 30;
    private static final Duration SEND_INTERVAL = Duration.ofMillis(80);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL, restart on the same port after 6 s", "SIGSTOP for 8 s, then SIGCONT"})
    void everyRequestIsAnsweredWhenRedisIsGoneLongerThanTheWriteTimeout(String fault) throws Exception {
        boolean kill = fault.startsWith("SIGKILL");
        Duration outage = kill ? Duration.ofSeconds(6) : Duration.ofSeconds(8);
        OwnedRedis redis = closer.add(OwnedRedis.start());
        String streams = redis.streams("");
        String topic = unique("write_faults");
        String consumerName = unique("write_faults_consumer");
        Admin admin = closer.add(ItSupport.admin());
        LoadSupport.createTopic(admin, topic, 1);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        closer.add(scheduler::shutdownNow);

        Map<Integer, List<Long>> handledAt = new ConcurrentHashMap<>();
        Map<Integer, CompletableFuture<Object>> reads = new ConcurrentHashMap<>();
        Map<Integer, FeedbackLane> lanes = new ConcurrentHashMap<>();
        AtomicBoolean faulted = new AtomicBoolean();
        AtomicLong downAt = new AtomicLong();
        AtomicLong upAt = new AtomicLong();
        CompletableFuture<Void> healed = new CompletableFuture<>();

        Streamback consumer = closer.add(Streamback.builder(consumerName).streams(streams)
                .feedbackWriteTimeout(WRITE_TIMEOUT).build());
        consumer.listen(topic, message -> {
            int id = LoadSupport.idOf(message.value());
            handledAt.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            if (id == FAULT_AT && faulted.compareAndSet(false, true)) {
                // every earlier reply is read first: a killed Redis loses what it holds, and that
                // loss is Redis's, not the library's
                await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, FAULT_AT)
                        .allMatch(i -> reads.containsKey(i) && reads.get(i).isDone()));
                if (kill) {
                    redis.kill();
                } else {
                    redis.pause();
                }
                downAt.set(System.nanoTime());
                scheduler.schedule(() -> {
                    if (kill) {
                        redis.restart();
                    } else {
                        redis.resume();
                    }
                    upAt.set(System.nanoTime());
                    healed.complete(null);
                    return null;
                }, outage.toMillis(), TimeUnit.MILLISECONDS);
            }
            message.respond(Map.of("id", id));
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("write_faults_producer"), streams));

        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            FeedbackLane lane = producer.send(topic, Map.of("id", i));
            lanes.put(i, lane);
            reads.put(i, lane.readAsync(Duration.ofSeconds(40)));
            long due = started + SEND_INTERVAL.toNanos() * (i + 1);
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5))
                    .until(() -> System.nanoTime() >= due);
        }
        healed.get(60, TimeUnit.SECONDS);

        // every read completes; one that failed while Redis was away is read again now
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> reads.values().stream().allMatch(CompletableFuture::isDone));
        int reRead = 0;
        Map<Integer, Object> answers = new java.util.HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            CompletableFuture<Object> read = reads.get(i);
            if (read.isCompletedExceptionally()) {
                reRead++;
                System.out.printf("FeedbackWriteFaultsIT: read %d failed (%s), reading it again%n", i,
                        read.handle((v, e) -> e.toString()).join());
                answers.put(i, Objects.requireNonNull(
                        producer.continueStream(lanes.get(i).feedbackTopic()).read(Duration.ofSeconds(30))));
            } else {
                answers.put(i, read.join());
            }
        }
        long drainedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                LoadSupport.committed(admin, consumerName, topic)).isEqualTo(LoadSupport.endOffsets(admin, topic, 1)));

        List<Integer> lost = IntStream.range(0, REQUESTS).filter(i -> !Map.of("id", i).equals(answers.get(i)))
                .boxed().toList();
        List<Integer> handledDuringOutage = handledAt.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(t -> t - downAt.get() >= 0 && t - upAt.get() < 0))
                .map(Map.Entry::getKey).sorted().toList();
        List<Integer> redelivered = handledAt.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        List<Long> faultHandlings = handledAt.get(FAULT_AT);
        long firstRedeliveryMs = faultHandlings.size() > 1
                ? TimeUnit.NANOSECONDS.toMillis(faultHandlings.get(1) - faultHandlings.get(0)) : -1;
        System.out.printf("FeedbackWriteFaultsIT [%s]: sent=%d answered=%d re-read=%d lost=%d"
                        + " handled_during_outage=%d redelivered_ids=%d handlings=%d"
                        + " outage_ms=%d first_redelivery_after_ms=%d fault_at_handled=%d times"
                        + " all_answered_ms_after_redis_back=%d%n",
                fault, REQUESTS, answers.size(), reRead, lost.size(), handledDuringOutage.size(),
                redelivered.size(), handledAt.values().stream().mapToInt(List::size).sum(),
                TimeUnit.NANOSECONDS.toMillis(upAt.get() - downAt.get()), firstRedeliveryMs, faultHandlings.size(),
                TimeUnit.NANOSECONDS.toMillis(drainedAt - upAt.get()));

        for (Integer id : lost) {
            System.out.printf("FeedbackWriteFaultsIT [%s]: id %d answered %s, handled %d times at %s ms after the outage"
                    + " began%n", fault, id, answers.get(id), handledAt.getOrDefault(id, List.of()).size(),
                    handledAt.getOrDefault(id, List.of()).stream()
                            .map(t -> TimeUnit.NANOSECONDS.toMillis(t - downAt.get())).toList());
        }
        assertThat(lost).as("requests without their reply").isEmpty();
        assertThat(handledDuringOutage).as("the consumer kept handling requests while Redis was away").isNotEmpty();
        assertThat(faultHandlings).as("the request whose reply could not be written was delivered again")
                .hasSizeGreaterThan(1);
        assertThat(firstRedeliveryMs).as("the failed write was retried about the write timeout before giving up")
                .isGreaterThanOrEqualTo(WRITE_TIMEOUT.toMillis());
    }

    /** {@code sendOneWay}: a JVM consumer writes nothing for it; a {@code send} still gets its end marker. */
    @Test
    void aOneWayMessageCostsRedisNothing() {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        OwnedRedis.Raw raw = closer.add(redis.raw());
        String streams = redis.streams("");
        String topic = unique("one_way_feedback");
        Map<Object, String> keysSeen = new ConcurrentHashMap<>();
        String consumer = unique("one_way_consumer");
        closer.add(Streamback.create(consumer, streams))
                .listen(topic, message -> keysSeen.put(message.value(), Objects.requireNonNull(message.feedbackTopic())))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("one_way_producer"), streams));
        long dbsizeBefore = raw.sync().dbsize();

        producer.sendOneWay(topic, "one-way").join();
        FeedbackLane lane = producer.send(topic, "two-way");

        assertThatThrownBy(() -> lane.from(consumer).read(Duration.ofSeconds(30))).as("the end marker of the two-way send")
                .isInstanceOf(StreamEndedException.class);
        assertThat(lane.from(consumer).isEnded()).isTrue();
        assertThat(keysSeen).containsKeys("one-way", "two-way"); // the one-way message came first on the partition
        long oneWayKeyExists = raw.sync().exists(keysSeen.get("one-way"));
        long dbsizeAfter = raw.sync().dbsize();
        System.out.printf("FeedbackWriteFaultsIT [sendOneWay]: one-way key exists=%d dbsize before=%d after=%d%n",
                oneWayKeyExists, dbsizeBefore, dbsizeAfter);
        assertThat(oneWayKeyExists).as("EXISTS of the one-way message's feedback key").isZero();
        assertThat(dbsizeAfter).as("DBSIZE: the one-way message wrote nothing, the two-way end marker was popped")
                .isEqualTo(dbsizeBefore);
    }
}
