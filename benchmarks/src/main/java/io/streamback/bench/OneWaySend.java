package io.streamback.bench;

import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Row 6: N one-way sends then {@code flush()}. Streamback's {@code send(topic, Map.of("n", i))}
 * against a raw KafkaProducer with the library's producer settings (acks=all, idempotence,
 * linger.ms as the library sets it) sending the same envelope bytes, encoded in the loop with the
 * library's codec: the same sender name's length and the deadline a default {@code send} writes.
 * The row reads one record of each side back and fails when their sizes differ, since at this
 * rate the bytes per record decide how many produce requests the brokers handle (a 33% larger
 * record cost Streamback a quarter of its rate here, when the deadline was not in the raw one).
 */
final class OneWaySend {
    static final String ROW = "6. one-way send + flush";
    private static final String NAME = "bench_sender";
    /** Deadline a default send writes: this far ahead of the send. */
    private static final long DEADLINE_MS = StreambackBuilder.DEFAULT_FEEDBACK_TIMEOUT.toMillis();
    /** The linger.ms that io.streamback.internal.kafka.KafkaMainStream sets on its producer: keep in sync. */
    private static final int LIBRARY_LINGER_MS = 0;

    private final Infra infra;
    private final Mode mode;
    private final Table table;
    private String rawTopic = "";
    private String streambackTopic = "";

    OneWaySend(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    void run() throws Exception {
        table.reference(ROW, "raw producer");
        int sends = mode.oneWay();
        String metric = "sends/s (" + String.format("%,d", sends) + ")";
        BenchMain.cell(table, 6, 0, mode, "raw producer", () -> raw(sends / 5));
        BenchMain.cell(table, 6, 0, mode, "streamback", () -> streamback(sends / 5));
        for (int rep = 1; rep <= mode.reps(); rep++) {
            BenchMain.cell(table, 6, rep, mode, "raw producer",
                    () -> table.add(ROW, metric, "raw producer", Stats.perSecond(sends, raw(sends))));
            BenchMain.cell(table, 6, rep, mode, "streamback",
                    () -> table.add(ROW, metric, "streamback", Stats.perSecond(sends, streamback(sends))));
        }
        checkSameSize();
    }

    /** A sender name of the same length for both sides, unique per cell. */
    private static String senderName() {
        return NAME + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Nanos for {@code sends} sends and the flush, after a warm-up on another topic. */
    private long raw(int sends) {
        String warmup = infra.topic("oneway_raw_warmup", 1);
        String topic = infra.topic("oneway_raw", 1);
        String name = senderName();
        rawTopic = topic;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(infra.producerProps(LIBRARY_LINGER_MS), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(warmup, envelope(-1, name)));
            producer.flush();
            long started = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                producer.send(new ProducerRecord<>(topic, envelope(i, name)));
            }
            producer.flush();
            return System.nanoTime() - started;
        }
    }

    private static byte[] envelope(int i, String name) {
        Instant deadline = Instant.ofEpochMilli(System.currentTimeMillis() + DEADLINE_MS);
        return WireCodec.encode(MainEnvelope.message(Map.of("n", i), FeedbackKeys.newKey(), name, deadline));
    }

    private long streamback(int sends) {
        String warmup = infra.topic("oneway_sb_warmup", 1);
        String topic = infra.topic("oneway_sb", 1);
        streambackTopic = topic;
        try (Streamback streamback = Streamback.create(senderName(), infra.streams())) {
            streamback.send(warmup, Map.of("n", -1));
            streamback.flush();
            long started = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                streamback.send(topic, Map.of("n", i));
            }
            streamback.flush();
            return System.nanoTime() - started;
        }
    }

    /** Reads the first record each side sent in its last cell and fails unless both are the same size. */
    private void checkSameSize() {
        int raw = firstRecordSize(rawTopic);
        int streamback = firstRecordSize(streambackTopic);
        if (raw != streamback) {
            throw new IllegalStateException("row 6 compares records of different sizes: the raw producer's are " + raw
                    + " bytes, Streamback's " + streamback + "; make envelope() write what a default send writes");
        }
    }

    private int firstRecordSize(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(infra.consumerProps(null), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value().length;
                }
            }
        }
        throw new IllegalStateException("no record to read back on " + topic + " within 30 s");
    }
}
