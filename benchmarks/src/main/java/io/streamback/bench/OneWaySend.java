package io.streamback.bench;

import io.streamback.Streamback;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Row 6: N one-way sends then {@code flush()}. Streamback's {@code send(topic, Map.of("n", i))}
 * against a raw KafkaProducer with the library's producer settings (acks=all, idempotence,
 * linger.ms as the library sets it) sending the same envelope bytes, encoded in the loop with the library's codec.
 */
final class OneWaySend {
    static final String ROW = "6. one-way send + flush";
    private static final String NAME = "bench_sender";
    /** The linger.ms that io.streamback.internal.kafka.KafkaMainStream sets on its producer: keep in sync. */
    private static final int LIBRARY_LINGER_MS = 0;

    private final Infra infra;
    private final Mode mode;
    private final Table table;

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
    }

    /** Nanos for {@code sends} sends and the flush, after a warm-up on another topic. */
    private long raw(int sends) {
        String warmup = infra.topic("oneway_raw_warmup", 1);
        String topic = infra.topic("oneway_raw", 1);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(infra.producerProps(LIBRARY_LINGER_MS), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(warmup, envelope(-1)));
            producer.flush();
            long started = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                producer.send(new ProducerRecord<>(topic, envelope(i)));
            }
            producer.flush();
            return System.nanoTime() - started;
        }
    }

    private static byte[] envelope(int i) {
        return WireCodec.encode(MainEnvelope.message(Map.of("n", i), FeedbackKeys.newKey(), NAME));
    }

    private long streamback(int sends) {
        String warmup = infra.topic("oneway_sb_warmup", 1);
        String topic = infra.topic("oneway_sb", 1);
        try (Streamback streamback = Streamback.create(infra.unique(NAME), infra.streams())) {
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
}
