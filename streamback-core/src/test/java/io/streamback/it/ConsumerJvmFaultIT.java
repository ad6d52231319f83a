package io.streamback.it;

import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.kit;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Context;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.it.FaultSupport.BackgroundProducer;
import io.streamback.it.FaultSupport.Tally;
import io.streamback.it.RecordingConsumerMain.RecordingListener;
import io.streamback.testkit.EmbeddedKafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer JVM ({@link RecordingConsumerMain}, counting each handled id in Redis) dies mid-load.
 * {@code SIGKILL}: a restarted JVM of the same group handles the rest, none lost (the killed one's
 * uncommitted records come again). {@code SIGTERM}: it finishes the records in hand, flushes its
 * listeners and commits, so a second consumer handles exactly the rest: none lost, none twice.
 *
 * <p>The broker is a one-broker {@link EmbeddedKafkaCluster}, not the shared broker: the shared one
 * keeps a killed consumer's partitions for Kafka's 45 s consumer session, the cluster's brokers for
 * 6 s. One broker starts in about half the time of three, and replication is not what these cases
 * test ({@link BrokerFaultIT} kills brokers).
 */
@Tag("fault")
@Tag("long")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsumerJvmFaultIT {
    private static final int MESSAGES = 10_000;
    private static final int PARTITIONS = 4;
    private static final int CHILD_WORKERS = 2;
    private static final int PROCESSED_BEFORE_SIGNAL = 2_000;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final int BROKERS = 1;

    private static EmbeddedKafkaCluster cluster;
    private static Admin admin;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.start(BROKERS);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
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

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sigkilledAndRestartedMidLoadLosesNothing() throws Exception {
        String topic = unique("consumer_kill");
        String app = unique("consumer_kill_app");
        String run = unique("run");
        ItSupport.RawRedis redis = redisFor(run);
        Set<Integer> sent = produce(topic);

        long startedAt = System.nanoTime();
        Process first = startChild(topic, app, run);
        awaitProcessed(redis, run, first, PROCESSED_BEFORE_SIGNAL);
        first.destroyForcibly(); // SIGKILL: no flush, no commit, no goodbye to the group
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).as("consumer JVM dies of SIGKILL").isTrue();
        long processedAtKill = redis.sync().hlen(RecordingListener.processedKey(run));

        Process restarted = startChild(topic, app, run);
        Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
        Tally tally = new Tally(sent, deliveries);
        tally.awaitNothingLost(LOAD_TIMEOUT, () -> readCounts(redis, run, deliveries));
        tally.print("ConsumerJvmFaultIT SIGKILL and restart", startedAt,
                "killed at " + processedAtKill + " processed, exit code " + first.exitValue());

        assertThat(restarted.isAlive()).as("restarted consumer JVM alive").isTrue();
        assertThat(processedAtKill).as("SIGKILL came mid-load").isLessThan(MESSAGES);
        assertThat(first.exitValue()).as("exit code of SIGKILL").isEqualTo(137);
        assertThat(tally.lostIds()).as("lost ids (first 20)").isEmpty();
        assertThat(tally.lost()).as("lost").isZero();
    }

    @Test
    void sigtermMidLoadLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = unique("consumer_term");
        String app = unique("consumer_term_app");
        String run = unique("run");
        ItSupport.RawRedis redis = redisFor(run);
        Set<Integer> sent = produce(topic);

        long startedAt = System.nanoTime();
        Process child = startChild(topic, app, run);
        awaitProcessed(redis, run, child, PROCESSED_BEFORE_SIGNAL);
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(45, TimeUnit.SECONDS)).as("consumer JVM exits after SIGTERM").isTrue();
        assertThat(child.exitValue()).isIn(0, 143);

        Map<String, String> firstCounts = redis.sync().hgetall(RecordingListener.processedKey(run));
        long firstRun = firstCounts.size();
        assertThat(firstRun).as("SIGTERM came mid-load").isLessThan(MESSAGES);
        assertThat(redis.sync().get(RecordingListener.flushedKey(run, "child")))
                .as("each worker flushed its listener").isEqualTo(Integer.toString(CHILD_WORKERS));
        Map<Integer, Long> committed = LoadSupport.committed(admin, app, topic);
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum())
                .as("the first consumer committed what it processed").isEqualTo(firstRun);

        Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
        firstCounts.forEach((id, count) -> deliveries.put(Integer.valueOf(id), Integer.valueOf(count)));
        Map<Integer, Integer> secondCounts = new ConcurrentHashMap<>();
        AtomicInteger secondFlushes = new AtomicInteger();
        Streamback second = closer.add(Streamback.create(app, "main=kafka://" + cluster.bootstrapServers()));
        second.listen(topic, () -> new Listener() {
            @Override
            public void consume(Context context, Message message) {
                int id = LoadSupport.idOf(message.value());
                secondCounts.merge(id, 1, Integer::sum);
                deliveries.merge(id, 1, Integer::sum);
            }

            @Override
            public void flush() {
                secondFlushes.incrementAndGet();
            }
        }).startInBackground();

        Tally tally = new Tally(sent, deliveries);
        tally.awaitNothingLost(LOAD_TIMEOUT);
        second.close();
        tally.print("ConsumerJvmFaultIT SIGTERM", startedAt, "first consumer processed " + firstRun
                + " before SIGTERM, its workers flushed " + redis.sync().get(RecordingListener.flushedKey(run, "child"))
                + " times");

        assertThat(tally.lostIds()).as("lost ids (first 20)").isEmpty();
        assertThat(tally.lost()).as("lost").isZero();
        assertThat(firstCounts.entrySet().stream().filter(e -> !"1".equals(e.getValue())).map(Map.Entry::getKey)
                .toList()).as("ids the first consumer processed more than once").isEmpty();
        assertThat(secondCounts.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList())
                .as("ids the second consumer processed more than once").isEmpty();
        assertThat(secondCounts.keySet().stream().filter(id -> firstCounts.containsKey(Integer.toString(id)))
                .toList()).as("ids both consumers processed").isEmpty();
        assertThat(tally.duplicates()).as("duplicates").isZero();
        assertThat(secondFlushes).hasValue(1);
        assertThat(LoadSupport.committed(admin, app, topic)).isEqualTo(LoadSupport.endOffsets(admin, topic,
                PARTITIONS));
    }

    /** Creates {@code topic} and writes ids {@code [0, MESSAGES)} to it; returns the acknowledged ids. */
    private static Set<Integer> produce(String topic) throws InterruptedException {
        get(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) BROKERS))).all());
        try (BackgroundProducer producer = new BackgroundProducer(cluster.bootstrapServers(), topic, MESSAGES)) {
            assertThat(producer.start().awaitDone(LOAD_TIMEOUT)).as("producer failure").isNull();
            assertThat(producer.acked()).as("acknowledged sends").hasSize(MESSAGES);
            return producer.acked();
        }
    }

    private ItSupport.RawRedis redisFor(String run) {
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        closer.add(() -> redis.sync().del(RecordingListener.processedKey(run),
                RecordingListener.flushedKey(run, "child")));
        return redis;
    }

    private static void awaitProcessed(ItSupport.RawRedis redis, String run, Process child, int count) {
        await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(child.isAlive()).as("consumer JVM alive").isTrue();
            assertThat(redis.sync().hlen(RecordingListener.processedKey(run))).isGreaterThanOrEqualTo(count);
        });
    }

    private static void readCounts(ItSupport.RawRedis redis, String run, Map<Integer, Integer> into) {
        redis.sync().hgetall(RecordingListener.processedKey(run))
                .forEach((id, count) -> into.put(Integer.valueOf(id), Integer.valueOf(count)));
    }

    private Process startChild(String topic, String app, String run) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("consumer-jvm-fault-" + run + "-"
                + children.size() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), RecordingConsumerMain.class.getName(),
                "main=kafka://" + cluster.bootstrapServers(), topic, app, kit().redis().uri(), run,
                Integer.toString(CHILD_WORKERS))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        children.add(child);
        return child;
    }
}
