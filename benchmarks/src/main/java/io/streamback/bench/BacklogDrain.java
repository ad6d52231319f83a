package io.streamback.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.streamback.Streamback;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Row 4: a backlog of one-way records, produced beforehand with a raw producer, drained by a raw
 * KafkaConsumer poll loop (no parsing) and by a Streamback listener with a no-op handler, on
 * records with a feedback_topic (end markers written to Redis, as Python does), without one, and
 * marked "no feedback expected". Timed from the first record handled to the last.
 */
final class BacklogDrain {
    /** Writes the hand-made envelopes below; the bench's own mapper, plain values only. */
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ROW = "4. backlog drain";

    /** How a variant's records look and who drains them. */
    private enum Kind { RAW, RAW_DECODED, RAW_WITH_END_MARKERS, FEEDBACK_TOPIC, NO_FEEDBACK_TOPIC, NO_FEEDBACK_EXPECTED }

    private record Variant(String name, Kind kind) {
        byte[] record(int i, String feedbackKey) {
            Map<String, Object> value = Map.of("n", i);
            return switch (kind) {
                case RAW, RAW_DECODED, RAW_WITH_END_MARKERS, FEEDBACK_TOPIC ->
                        WireCodec.encode(MainEnvelope.message(value, feedbackKey, "bench"));
                case NO_FEEDBACK_TOPIC -> WireCodec.encode(
                        new MainEnvelope(value, Events.MESSAGE, null, "bench", Map.of()));
                case NO_FEEDBACK_EXPECTED -> noFeedbackEnvelope(value, feedbackKey);
            };
        }
    }

    /** One drain: first-to-last handled, and first handled to the last end marker seen in Redis (or -1). */
    private record Drain(long handledNanos, long endMarkersNanos) {
    }

    private final Infra infra;
    private final Mode mode;
    private final Table table;

    BacklogDrain(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    /**
     * The bytes of a record that tells consumers no feedback is expected: the usual envelope plus
     * {@code "expects_feedback": false} ({@link MainEnvelope#EXPECTS_FEEDBACK}). Adjust it here if
     * the field changes.
     */
    static byte[] noFeedbackEnvelope(Object value) {
        return noFeedbackEnvelope(value, FeedbackKeys.newKey());
    }

    /** {@link #noFeedbackEnvelope(Object)} with a given feedback topic. */
    static byte[] noFeedbackEnvelope(Object value, String feedbackTopic) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("event", Events.MESSAGE);
        json.put("source_group", "bench");
        json.put("feedback_topic", feedbackTopic);
        json.put(MainEnvelope.EXPECTS_FEEDBACK, false);
        try {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void run() throws Exception {
        table.reference(ROW, "raw consumer");
        List<Variant> variants = List.of(
                new Variant("raw consumer", Kind.RAW),
                new Variant("raw consumer + JSON decode", Kind.RAW_DECODED),
                new Variant("raw consumer + pipelined end markers", Kind.RAW_WITH_END_MARKERS),
                new Variant("streamback, feedback_topic", Kind.FEEDBACK_TOPIC),
                new Variant("streamback, no feedback_topic", Kind.NO_FEEDBACK_TOPIC),
                new Variant("streamback, expects_feedback=false", Kind.NO_FEEDBACK_EXPECTED));
        int records = mode.backlog();
        String handled = "records/s handled (" + String.format("%,d", records) + ")";
        String written = "records/s incl. end markers in Redis";
        for (Variant variant : variants) {
            BenchMain.cell(table, 4, 0, mode, variant.name(), () -> drain(variant, Math.max(1_000, records / 10)));
        }
        for (int rep = 1; rep <= mode.reps(); rep++) {
            for (Variant variant : variants) {
                BenchMain.cell(table, 4, rep, mode, variant.name(), () -> {
                    Drain drain = drain(variant, records);
                    table.add(ROW, handled, variant.name(), Stats.perSecond(records - 1, drain.handledNanos()));
                    if (drain.endMarkersNanos() > 0) {
                        table.add(ROW, written, variant.name(), Stats.perSecond(records - 1, drain.endMarkersNanos()));
                    }
                });
            }
        }
    }

    /** Produces {@code records} records, then drains them; returns first-to-last nanos. */
    private Drain drain(Variant variant, int records) throws Exception {
        String topic = infra.topic("drain", 1);
        String lastKey = null;
        Map<String, Object> props = infra.producerProps(5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                lastKey = FeedbackKeys.newKey();
                producer.send(new ProducerRecord<>(topic, variant.record(i, lastKey)));
            }
            producer.flush();
        }
        return switch (variant.kind()) {
            case RAW, RAW_DECODED, RAW_WITH_END_MARKERS -> new Drain(raw(topic, records, variant.kind()), -1);
            case NO_FEEDBACK_TOPIC -> streamback(topic, records, null);
            case FEEDBACK_TOPIC, NO_FEEDBACK_EXPECTED -> streamback(topic, records, lastKey);
        };
    }

    /**
     * When {@code key} appeared in Redis, or -1 once Redis stopped changing for a second without it
     * (or after 30 s).
     */
    private long awaitKey(String key) throws InterruptedException {
        long size = infra.dbSize();
        long changed = System.nanoTime();
        long deadline = changed + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - changed < TimeUnit.SECONDS.toNanos(1) && System.nanoTime() < deadline) {
            if (infra.exists(key)) {
                return System.nanoTime();
            }
            long now = infra.dbSize();
            if (now != size) {
                size = now;
                changed = System.nanoTime();
            }
            Thread.sleep(1);
        }
        return -1;
    }

    /**
     * A plain consumer loop; with {@code endMarkers}, it also does what the protocol asks for each
     * record: finds its feedback_topic and writes the end marker ({@code LPUSH} + {@code EXPIRE}),
     * pipelined per poll batch on one Lettuce connection, waiting for the batch before the next poll:
     * the fastest hand-written drain that answers like Python streamback. With
     * {@code RAW_DECODED} it decodes each record's JSON into a map with a plain ObjectMapper and
     * nothing else: the least any consumer of a JSON envelope does per record.
     */
    private long raw(String topic, int records, Kind kind) throws Exception {
        boolean endMarkers = kind == Kind.RAW_WITH_END_MARKERS;
        boolean decode = kind == Kind.RAW_DECODED;
        Map<String, Object> props = infra.consumerProps(infra.unique("drain_raw"));
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        long first = 0;
        long last = 0;
        int seen = 0;
        long decoded = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        StatefulRedisConnection<String, String> redis = infra.redis();
        redis.setAutoFlushCommands(false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw drain saw " + seen + " of " + records + " in 300 s");
                }
                List<RedisFuture<?>> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (seen++ == 0) {
                        first = now;
                    }
                    last = now;
                    if (decode) {
                        decoded += JSON.readValue(record.value(), Map.class).size();
                    }
                    if (endMarkers) {
                        String key = feedbackTopic(record.value());
                        batch.add(redis.async().lpush(key, END_MARKER));
                        batch.add(redis.async().expire(key, 300));
                    }
                }
                if (!batch.isEmpty()) {
                    redis.flushCommands();
                    for (RedisFuture<?> future : batch) {
                        future.get(30, TimeUnit.SECONDS);
                    }
                    last = System.nanoTime();
                }
            }
            consumer.commitSync();
        } finally {
            redis.close();
        }
        if (decode && decoded < records) {
            throw new IllegalStateException("decoded " + decoded + " fields in " + records + " records");
        }
        return last - first;
    }

    private static final String END_MARKER = "{\"event\":\"response_end\",\"error\":null,\"source_group\":\"raw\"}";
    private static final byte[] FEEDBACK_TOPIC_FIELD = "\"feedback_topic\":\"".getBytes(StandardCharsets.UTF_8);

    /** The feedback_topic of an envelope, found without parsing the JSON (the floor's shortcut). */
    private static String feedbackTopic(byte[] value) {
        outer:
        for (int i = 0; i <= value.length - FEEDBACK_TOPIC_FIELD.length; i++) {
            for (int j = 0; j < FEEDBACK_TOPIC_FIELD.length; j++) {
                if (value[i + j] != FEEDBACK_TOPIC_FIELD[j]) {
                    continue outer;
                }
            }
            int start = i + FEEDBACK_TOPIC_FIELD.length;
            int end = start;
            while (value[end] != '"') {
                end++;
            }
            return new String(value, start, end - start, StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("no feedback_topic in " + new String(value, StandardCharsets.UTF_8));
    }

    /**
     * Drains with a Streamback listener. When {@code lastKey} is given, also waits (before closing)
     * until the last record's end marker is in Redis, or until Redis stops growing for a second.
     */
    private Drain streamback(String topic, int records, String lastKey) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        try (Streamback app = Streamback.create(infra.unique("bench_drain"), infra.streams())) {
            app.listen(topic, (context, message) -> {
                long now = System.nanoTime();
                int n = seen.incrementAndGet();
                if (n == 1) {
                    first.set(now);
                }
                if (n == records) {
                    last.set(now);
                    done.countDown();
                }
            });
            app.startInBackground();
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("streamback drained " + seen.get() + " of " + records + " in 300 s");
            }
            long lastMarker = lastKey == null ? -1 : awaitKey(lastKey);
            return new Drain(last.get() - first.get(), lastMarker < 0 ? -1 : lastMarker - first.get());
        }
    }
}
