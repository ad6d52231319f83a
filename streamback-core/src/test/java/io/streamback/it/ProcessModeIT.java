package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Process mode end to end: {@link ProcessModeApp} runs as its own JVM (the parent), whose workers
 * are child JVMs; the test watches them through Redis and the OS.
 */
@StreambackTest
@Tag("slow")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProcessModeIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    /** The app's shutdown timeout plus the time a JVM needs to exit. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(10 + 10);
    private static final int MESSAGES = 20_000;
    private static final int PARTITIONS = 4;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private final List<Process> parents = new ArrayList<>();
    private final Set<Long> seenPids = new LinkedHashSet<>();
    private ItSupport.RawRedis redis;

    @AfterEach
    void killEverythingStarted() {
        for (Process parent : parents) {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
        synchronized (seenPids) {
            seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void childrenServeAreReplacedWhenKilledLoseNothingAndStopWithTheParent(@Streams String streams) {
        String topic = unique("process_mode");
        String keys = unique("process_mode_keys");
        createTopic(topic);
        Process parent = launch(streams, topic, keys, 2, 0);

        List<Long> children = awaitAnnounced(keys, 2);
        assertThat(children).as("two children, each announced once by onWorkerStart").doesNotHaveDuplicates()
                .doesNotContain(parent.pid());
        assertThat(children).allSatisfy(pid -> assertThat(parentOf(pid)).as("parent of child " + pid)
                .contains(parent.pid()));
        await().atMost(START).untilAsserted(() -> assertThat(redis.sync().get(keys + ":ticker"))
                .as("onTick runs in the parent only").isEqualTo(Long.toString(parent.pid())));

        Streamback producer = closer.add(Streamback.create(unique("process_mode_producer"), streams));
        assertThat(replyPid(producer, topic)).as("the reply comes from a child").isIn(children);

        produceIds(topic);
        await().atMost(START).pollInterval(Duration.ofMillis(50))
                .until(() -> redis.sync().hlen(keys + ":seen") >= MESSAGES / 10);
        ProcessHandle.of(children.get(0)).orElseThrow().destroyForcibly();
        assertThat(redis.sync().hlen(keys + ":seen")).as("the child is killed mid-load").isLessThan(MESSAGES);

        List<Long> afterKill = awaitAnnounced(keys, 3);
        long replacement = afterKill.get(2);
        assertThat(replacement).as("a new child replaces the killed one").isNotIn(children);
        assertThat(parentOf(replacement)).contains(parent.pid());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(redis.sync().hlen(keys + ":seen")).isEqualTo(MESSAGES));
        Map<String, String> seen = redis.sync().hgetall(keys + ":seen");
        assertThat(IntStream.range(0, MESSAGES).filter(id -> !seen.containsKey(Integer.toString(id))).boxed()
                .toList()).as("lost ids").isEmpty();
        assertThat(seen.values()).allSatisfy(count -> assertThat(Long.parseLong(count)).isPositive());
        List<Long> alive = List.of(children.get(1), replacement);
        assertThat(replyPid(producer, topic)).as("answered after the kill by a live child").isIn(alive);
        long duplicates = seen.values().stream().filter(count -> Long.parseLong(count) > 1).count();
        System.out.printf("ProcessModeIT: %d messages, %d handled more than once after the SIGKILL%n", MESSAGES,
                duplicates);

        parent.destroy();
        await().atMost(SHUTDOWN).untilAsserted(() -> {
            assertThat(parent.isAlive()).as("parent alive").isFalse();
            assertThat(alive).noneMatch(ProcessModeIT::isRunning);
        });
        assertThat(parent.exitValue()).as("the parent's exit code after SIGTERM").isEqualTo(143);
    }

    @Test
    void autoRestartRecyclesChildrenByAge(@Streams String streams) {
        String topic = unique("process_mode_age");
        String keys = unique("process_mode_age_keys");
        createTopic(topic);
        Process parent = launch(streams, topic, keys, 1, 3);

        List<Long> generations = awaitAnnounced(keys, 3);

        assertThat(generations).doesNotHaveDuplicates().doesNotContain(parent.pid());
        await().atMost(SHUTDOWN).untilAsserted(() -> assertThat(generations.subList(0, 2))
                .as("recycled children exit").noneMatch(ProcessModeIT::isRunning));

        parent.destroyForcibly();
        await().atMost(SHUTDOWN).untilAsserted(() -> assertThat(announced(keys))
                .as("children of a SIGKILLed parent close themselves").noneMatch(ProcessModeIT::isRunning));
    }

    private Process launch(String streams, String topic, String keys, int workers, int maxAgeSeconds) {
        redis = closer.add(ItSupport.redis());
        Path log = Path.of("target", "process-mode-" + keys + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ProcessModeApp.class.getName(),
                streams, unique("process_mode_app"), topic, ItSupport.kit().redis().uri(), keys,
                Integer.toString(workers), Integer.toString(maxAgeSeconds));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("STREAMBACK_"));
            Process parent = builder.start();
            parents.add(parent);
            System.out.println("ProcessModeIT: parent pid " + parent.pid() + ", log " + log.toAbsolutePath());
            return parent;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** The pids announced so far by onWorkerStart, once at least {@code count} are there. */
    private List<Long> awaitAnnounced(String keys, int count) {
        await().atMost(START).pollInterval(Duration.ofMillis(200))
                .until(() -> redis.sync().llen(keys + ":announce") >= count);
        return announced(keys);
    }

    /** The pids announced so far, remembered for the clean-up. */
    private List<Long> announced(String keys) {
        List<Long> pids = redis.sync().lrange(keys + ":announce", 0, -1).stream().map(Long::valueOf).toList();
        synchronized (seenPids) {
            seenPids.addAll(pids);
        }
        return pids;
    }

    private static long replyPid(Streamback producer, String topic) {
        Object reply = producer.send(topic, Map.of("echo", "who answers?")).read(REPLY_TIMEOUT);
        return ((Number) ((Map<?, ?>) reply).get("pid")).longValue();
    }

    private static Optional<Long> parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void createTopic(String topic) {
        Admin admin = closer.add(ItSupport.admin());
        ItSupport.get(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all());
    }

    /** Sends {@code {"id": i}} one way (no feedback topic) for every id, and waits until the broker has them. */
    private static void produceIds(String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ItSupport.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(MESSAGES);
            for (int id = 0; id < MESSAGES; id++) {
                byte[] value = WireCodec.encode(new MainEnvelope(Map.of("id", id), Events.MESSAGE, null,
                        "process_mode_it", Map.of()));
                sent.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(ItSupport.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
    }
}
