package io.streamback.it;

import static io.streamback.it.ItSupport.kit;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Context;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.it.RecordingConsumerMain.RecordingListener;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM arrives at a consumer JVM mid-load: it finishes the records in hand, flushes its
 * listeners and commits, so a second consumer of the same group handles the rest: every message
 * exactly once, none lost.
 */
@StreambackTest
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {
    private static final int MESSAGES = 20_000;
    private static final int PARTITIONS = 4;
    private static final int CHILD_WORKERS = 2;
    private static final int PROCESSED_BEFORE_SIGTERM = 2_000;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startChild(String streams, String topic, String app, String run) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("graceful-shutdown-" + run + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), RecordingConsumerMain.class.getName(),
                streams, topic, app, kit().redis().uri(), run, Integer.toString(CHILD_WORKERS))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return builder.start();
    }

    @Test
    void sigtermMidLoadLosesNothingAndDuplicatesNothing(@Streams String streams) throws Exception {
        String topic = unique("graceful");
        String app = unique("graceful_consumer");
        String run = unique("run");
        Admin admin = closer.add(ItSupport.admin());
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        closer.add(() -> redis.sync().del(RecordingListener.processedKey(run), RecordingListener.flushedKey(run,
                "child")));
        LoadSupport.createTopic(admin, topic, PARTITIONS);
        LoadSupport.produceIds(topic, 0, MESSAGES);

        child = startChild(streams, topic, app, run);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(child.isAlive()).as("consumer JVM alive").isTrue();
            assertThat(redis.sync().hlen(RecordingListener.processedKey(run))).isGreaterThanOrEqualTo(
                    PROCESSED_BEFORE_SIGTERM);
        });
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(45, TimeUnit.SECONDS)).as("consumer JVM exits after SIGTERM").isTrue();
        assertThat(child.exitValue()).isIn(0, 143);

        long firstRun = redis.sync().hlen(RecordingListener.processedKey(run));
        assertThat(firstRun).as("SIGTERM came mid-load").isLessThan(MESSAGES);
        assertThat(redis.sync().get(RecordingListener.flushedKey(run, "child")))
                .as("each worker flushed its listener").isEqualTo(Integer.toString(CHILD_WORKERS));
        Map<Integer, Long> committed = LoadSupport.committed(admin, app, topic);
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum())
                .as("the first consumer committed what it processed").isEqualTo(firstRun);

        Map<String, String> firstCounts = redis.sync().hgetall(RecordingListener.processedKey(run));
        Map<Integer, Integer> secondCounts = new ConcurrentHashMap<>();
        AtomicInteger secondFlushes = new AtomicInteger();
        Streamback second = closer.add(Streamback.create(app, streams));
        second.listen(topic, () -> new Listener() {
            @Override
            public void consume(Context context, Message message) {
                secondCounts.merge(LoadSupport.idOf(message.value()), 1, Integer::sum);
            }

            @Override
            public void flush() {
                secondFlushes.incrementAndGet();
            }
        }).startInBackground();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(IntStream.range(0, MESSAGES).filter(id -> !secondCounts.containsKey(id)
                        && !firstCounts.containsKey(Integer.toString(id))).boxed().toList()).as("lost ids").isEmpty());
        assertThat(firstCounts.entrySet().stream().filter(e -> !"1".equals(e.getValue())).map(Map.Entry::getKey)
                .toList()).as("ids the first consumer processed more than once").isEmpty();
        assertThat(secondCounts.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                .as("ids the second consumer processed more than once").isEmpty();
        assertThat(secondCounts.keySet().stream().filter(id -> firstCounts.containsKey(Integer.toString(id)))
                .toList()).as("ids both consumers processed").isEmpty();

        second.close();
        assertThat(secondFlushes).hasValue(1);
        assertThat(LoadSupport.committed(admin, app, topic)).isEqualTo(LoadSupport.endOffsets(admin, topic,
                PARTITIONS));
        System.out.printf("GracefulShutdownIT: first consumer processed %d of %d before SIGTERM%n", firstRun,
                MESSAGES);
    }
}
