package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.bootstrapServers;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.testkit.EmbeddedRedis;
import io.streamback.testkit.StreambackTest;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
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
 * Outstanding feedback writes are bounded: a consumer JVM with a 256 MB heap faces a 300,000-record
 * backlog (each record needs an end marker) while its Redis is down, stays alive without
 * OutOfMemoryError and commits nothing, then drains it all once Redis is back.
 */
@StreambackTest
@Tag("long")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BoundedFeedbackWritesIT {
    private static final int RECORDS = 300_000;
    private static final int PARTITIONS = 2;
    private static final Duration REDIS_DOWN = Duration.ofSeconds(10);
    private static final Pattern PROGRESS = Pattern.compile("progress handled=(\\d+) heap_used_mb=(\\d+)");

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

    @Test
    void aBacklogWaitsForADeadRedisInBoundedMemoryAndDrainsWhenItIsBack() throws Exception {
        OwnedRedis redis = OwnedRedis.start();
        int port = redis.port();
        String streams = redis.streams("");
        redis.stop(); // down from the start: the port is dead until the server starts again on it
        String topic = unique("backlog");
        String app = unique("backlog_consumer");
        Admin admin = closer.add(ItSupport.admin());
        LoadSupport.createTopic(admin, topic, PARTITIONS);

        long produceStarted = System.nanoTime();
        produceBacklog(topic);
        long produceMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produceStarted);

        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("bounded-writes-" + app + ".log");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BacklogConsumerMain.class.getName(), streams, topic, app, "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        long downStarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> lastProgress(log)[0] > 0); // it got records to answer
        await().during(REDIS_DOWN).atMost(REDIS_DOWN.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(child.isAlive()).as("consumer JVM alive (exits on OutOfMemoryError)").isTrue();
                    assertThat(LoadSupport.committed(admin, app, topic).values().stream().mapToLong(Long::longValue)
                            .sum()).as("committed while Redis is down").isZero();
                });
        long[] whileDown = lastProgress(log);
        long maxHeapDown = maxHeap(log);
        long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downStarted);

        EmbeddedRedis back = closer.add(EmbeddedRedis.start(port));
        long drainStarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(child.isAlive()).as("consumer JVM alive (exits on OutOfMemoryError)").isTrue();
            assertThat(LoadSupport.committed(admin, app, topic)).isEqualTo(LoadSupport.endOffsets(admin, topic,
                    PARTITIONS));
        });
        long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStarted);
        long keys;
        try (OwnedRedis.Raw raw = new OwnedRedis.Raw(back.uri())) {
            keys = raw.sync().dbsize();
        }
        long[] atEnd = lastProgress(log);
        System.out.printf("BoundedFeedbackWritesIT: produced %d records in %d ms; Redis down %d ms: handled %d,"
                        + " committed 0, max heap %d MB of 256; Redis back: drained in %d ms, handled %d"
                        + " (%d handled again after a rewind), feedback keys in Redis %d, max heap %d MB%n",
                RECORDS, produceMs, downMs, whileDown[0], maxHeapDown, drainMs, atEnd[0], atEnd[0] - RECORDS, keys,
                maxHeap(log));
        assertThat(keys).as("one end marker per record").isEqualTo(RECORDS);
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    private static void produceBacklog(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, unique("it-backlog-producer"),
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "240000"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = WireCodec.encode(MainEnvelope.message(Map.of("id", i), FeedbackKeys.newKey(),
                        "backlog_it"));
                sent.add(producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** The last {@code handled} and heap figures the child printed. */
    private static long[] lastProgress(Path log) throws IOException {
        long[] last = {0, 0};
        Matcher matcher = PROGRESS.matcher(Files.readString(log));
        while (matcher.find()) {
            last = new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
        }
        return last;
    }

    private static long maxHeap(Path log) throws IOException {
        long max = 0;
        Matcher matcher = PROGRESS.matcher(Files.readString(log));
        while (matcher.find()) {
            max = Math.max(max, Long.parseLong(matcher.group(2)));
        }
        return max;
    }
}
