package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Concurrency;
import io.streamback.Streamback;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every record is processed at least once, none lost, when worker threads die out of their loop:
 * the autoscaler replaces them and their partitions resume from the last commit.
 */
@StreambackTest
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AtLeastOnceIT {
    private static final int MESSAGES = 20_000;
    private static final int PARTITIONS = 4;
    /** Ids whose first delivery kills the worker thread: 1,500, 4,500, ... 19,500 (7 kills). */
    private static final int KILL_EVERY = 3_000;
    private static final int KILL_OFFSET = 1_500;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** Not an {@code Exception}, {@code LinkageError} or {@code AssertionError}: the listener error handling lets it through. */
    static final class WorkerKiller extends Error {
        WorkerKiller(int id) {
            super("killing the worker at id " + id);
        }
    }

    @Test
    void noRecordIsLostWhenWorkerThreadsDie(@Streams String streams) {
        String topic = unique("at_least_once");
        Admin admin = closer.add(ItSupport.admin());
        LoadSupport.createTopic(admin, topic, PARTITIONS);
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        Set<Integer> killedAt = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Streamback consumer = closer.add(Streamback.builder(unique("at_least_once_consumer")).streams(streams)
                .rescaleInterval(Duration.ofMillis(200))
                .build());
        consumer.listen(topic, Concurrency.of(2), message -> {
            int id = LoadSupport.idOf(message.value());
            if (id % KILL_EVERY == KILL_OFFSET && killedAt.add(id)) {
                throw new WorkerKiller(id);
            }
            threads.add(Thread.currentThread().getName());
            seen.merge(id, 1, Integer::sum);
        }).startInBackground();

        long started = System.nanoTime();
        LoadSupport.produceIds(topic, 0, MESSAGES);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(seen).hasSize(MESSAGES));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(IntStream.range(0, MESSAGES).filter(id -> !seen.containsKey(id)).boxed().toList())
                .as("lost ids").isEmpty();
        assertThat(killedAt).as("every planned kill happened").hasSize(MESSAGES / KILL_EVERY + 1);
        assertThat(killedAt).allSatisfy(id -> assertThat(seen).containsKey(id));
        assertThat(threads).as("the dead workers were replaced by new threads").hasSizeGreaterThan(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WorkerGroupSnapshot group = consumer.snapshot().groups().get(0);
            assertThat(group.workers()).as("dead workers replaced").isEqualTo(2);
        });
        long duplicates = seen.values().stream().mapToInt(Integer::intValue).filter(count -> count > 1).count();
        System.out.printf("AtLeastOnceIT: %d messages in %d ms, %d kills, %d ids seen more than once, %d threads%n",
                MESSAGES, elapsedMs, killedAt.size(), duplicates, threads.size());
    }
}
