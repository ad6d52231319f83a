package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.internal.memory.MemoryFeedbackStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Worker groups on the in-memory transport: who handles a record, how often, and how it is answered. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerGroupsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    @Test
    void everyListenerOfATopicWithItsOwnGroupSeesEachRecordOnceWithOneEndMarker() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Streamback consumer = apps.build(Streamback.builder("consumer").poolConcurrency(2));
        consumer.listen("shared", Concurrency.of(3), message -> {
            calls.computeIfAbsent("fast:" + message.value(), k -> new AtomicInteger()).incrementAndGet();
            message.respond("fast");
        }).listen("shared", message -> {
            calls.computeIfAbsent("plain:" + message.value(), k -> new AtomicInteger()).incrementAndGet();
            message.respond("plain");
        }).listen("other", message -> {
            calls.computeIfAbsent("other:" + message.value(), k -> new AtomicInteger()).incrementAndGet();
            message.respond("other");
        }).startInBackground();
        Streamback producer = apps.create("producer");

        List<FeedbackLane> lanes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lanes.add(producer.send("shared", i));
        }
        FeedbackLane other = producer.send("other", 0);

        for (FeedbackLane lane : lanes) {
            List<Object> replies = new ArrayList<>();
            lane.stream(WAIT).forEach(replies::add);
            assertThat(replies).containsExactly("fast", "plain");
            assertThat(MemoryFeedbackStream.named(apps.memoryName()).pop(lane.feedbackTopic(), Duration.ofMillis(50))
                    .get(5, TimeUnit.SECONDS)).as("nothing after the one end marker").isEqualTo(Optional.empty());
        }
        assertThat(other.read(WAIT)).isEqualTo("other");
        assertThatThrownBy(() -> other.read(WAIT)).isInstanceOf(StreamEndedException.class);
        for (int i = 0; i < 30; i++) {
            assertThat(calls.get("fast:" + i)).hasValue(1);
            assertThat(calls.get("plain:" + i)).hasValue(1);
        }
        RuntimeSnapshot snapshot = consumer.snapshot();
        assertThat(snapshot.groups()).extracting(WorkerGroupSnapshot::name).containsExactly("pool", "shared");
        WorkerGroupSnapshot shared = snapshot.groups().get(1);
        assertThat(shared.topics()).containsExactly("shared");
        assertThat(shared.workers()).isEqualTo(3);
        assertThat(snapshot.groups().get(0).workers()).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumer.snapshot().groups().get(1).processed())
                .isEqualTo(30));
    }

    @Test
    void aScalingGroupWithZeroWorkersAtNoLagStartsWorkersWhenMessagesWait() {
        Streamback consumer = apps.build(Streamback.builder("consumer").rescaleInterval(Duration.ofMillis(50)));
        consumer.listen("lazy", Concurrency.scaling(Map.of(0L, 0, 1_000L, 1)), message -> message.respond("awake"))
                .startInBackground();
        assertThat(consumer.snapshot().groups().get(0).workers()).isZero();

        FeedbackLane lane = apps.create("producer").send("lazy", "x");

        assertThat(lane.read(WAIT)).isEqualTo("awake");
    }

    @Test
    void closeStopsEveryGroupAtOnceWithinOneShutdownTimeoutEvenWhenListenersNeverReturn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(3);
        Duration timeout = Duration.ofSeconds(2);
        Streamback consumer = apps.build(Streamback.builder("consumer").shutdownTimeout(timeout));
        for (String topic : List.of("stuck_a", "stuck_b", "stuck_c")) {
            consumer.listen(topic, Concurrency.of(1), message -> {
                entered.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        // a listener that never returns ignores it
                    }
                }
            });
        }
        consumer.startInBackground();
        Streamback producer = apps.create("producer");
        List.of("stuck_a", "stuck_b", "stuck_c").forEach(topic -> producer.sendOneWay(topic, "x"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("every group's listener is stuck").isTrue();

        long started = System.nanoTime();
        consumer.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        release.countDown();
        assertThat(consumer.snapshot().groups()).hasSize(3);
        assertThat(took).as("three stuck groups stopped against one deadline, not one timeout each")
                .isLessThan(timeout.multipliedBy(2));
    }
}
