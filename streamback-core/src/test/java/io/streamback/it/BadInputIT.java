package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final String HOSTILE_KEY = "user:1:session";

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void malformedRecordsAreSkippedAndCommitted(@Streams String streams) {
        String topic = unique("bad_records");
        List<Object> received = new CopyOnWriteArrayList<>();
        Streamback consumer = closer.add(Streamback.create(unique("bad_records_consumer"), streams));
        consumer.listen(topic, message -> {
            received.add(message.value());
            message.respond("ok " + message.value());
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("bad_records_producer"), streams));
        Admin admin = closer.add(ItSupport.admin());

        ItSupport.produceRaw(topic, "not json");
        byte[] badUtf8 = concat("{\"value\": \"caf".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC3, 0x28},
                ("\", \"event\": \"message\", \"feedback_topic\": \"streamback_feedback_" + UUID.randomUUID()
                        + "\", \"source_group\": \"x\"}").getBytes(StandardCharsets.US_ASCII));
        ItSupport.produceRaw(topic, badUtf8);
        ItSupport.produceRaw(topic, "[1, 2, 3]");
        ItSupport.produceRaw(topic, new byte[0]);
        ItSupport.produceRaw(topic, (byte[]) null);

        Object reply = producer.send(topic, "valid").read(REPLY_TIMEOUT);

        assertThat(reply).isEqualTo("ok valid");
        assertThat(received).containsExactly("valid");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ItSupport.committedOffset(admin, consumer.group(), topic))
                .as("committed offset: past the 5 bad records and the valid one").isEqualTo(6));
    }

    @Test
    void hostileFeedbackTopicIsNeverWritten(@Streams String streams) {
        String topic = unique("hostile");
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        redis.sync().del(HOSTILE_KEY);
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("hostile_consumer"), streams))
                .listen(topic, message -> {
                    received.add(message);
                    message.respond("reply to " + message.value());
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("hostile_producer"), streams));

        ItSupport.produceRaw(topic, "{\"value\": \"evil\", \"event\": \"message\", \"feedback_topic\": \""
                + HOSTILE_KEY + "\", \"source_group\": \"attacker\"}");
        Object reply = producer.send(topic, "later").read(REPLY_TIMEOUT);

        assertThat(reply).isEqualTo("reply to later");
        assertThat(received).extracting(Message::value).containsExactly("evil", "later");
        assertThat(received.get(0).feedbackTopic()).isEqualTo(HOSTILE_KEY);
        assertThat(redis.sync().exists(HOSTILE_KEY)).as("EXISTS " + HOSTILE_KEY).isZero();
    }

    @Test
    void messageWithoutFeedbackTopicIsHandledAndNothingIsWritten(@Streams String streams) {
        String topic = unique("no_feedback_topic");
        List<Object> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("no_feedback_consumer"), streams))
                .listen(topic, message -> {
                    received.add(message.value());
                    message.respond("reply");
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("no_feedback_producer"), streams));

        ItSupport.produceRaw(topic, "{\"value\": {\"from\": \"a minimal sender\"}, \"extra\": [1]}");
        assertThat(producer.send(topic, "later").read(REPLY_TIMEOUT)).isEqualTo("reply");

        assertThat(received).containsExactly(Map.of("from", "a minimal sender"), "later");
    }

    @Test
    void untrustedTextIsLoggedEscapedAndBounded(@Streams String streams) throws Exception {
        String topic = unique("hostile_text");
        String forged = "\\n12:00:00.000 [main] INFO forged - \\u001b[31mevent=all_good\\u001b[0m";
        String big = "x".repeat(900_000); // under Kafka's 1 MB record limit; the Redis entry below is 5 MB
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        closer.add(() -> System.setErr(originalErr));
        List<Object> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("hostile_text_consumer"), streams))
                .listen(topic, message -> {
                    received.add(message.value());
                    message.respond("reply");
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("hostile_text_producer"), streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        ItSupport.produceRaw(topic, "{\"value\": 1, \"event\": [\"" + forged + "\"], \"source_group\": \"x\"}");
        ItSupport.produceRaw(topic, "{\"value\": 2, \"event\": \"message\", \"source_group\": [\"" + big + "\"]}");
        ItSupport.produceRaw(topic, "{\"value\": 3, \"event\": \"message\", \"source_group\": \"x\", \"feedback_topic\": \""
                + forged + big + "\"}");
        String key = "streamback_feedback_" + UUID.randomUUID();
        redis.sync().lpush(key, "{\"event\": [\"" + forged + "y".repeat(5_000_000) + "\"]}");
        redis.sync().lpush(key, "{\"value\": \"after\", \"event\": \"response\", \"source_group\": \"g\"}");
        redis.sync().expire(key, 120);

        assertThat(producer.continueStream(key).read(REPLY_TIMEOUT)).isEqualTo("after");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("event=record_skipped", "event=feedback_topic_rejected", "event=feedback_entries_skipped"));
        assertThat(received).contains(3);

        System.setErr(originalErr);
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> about = lines.stream().filter(line -> line.contains("event=record_skipped")
                || line.contains("event=feedback_topic_rejected") || line.contains("event=reply_dropped")
                || line.contains("event=feedback_entries_skipped")).toList();
        assertThat(about).as("the bad records' lines").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThan(600))
                .anySatisfy(line -> assertThat(line).contains("must be a string", "\\n12:00:00.000", "\\u001b[31m"))
                .anySatisfy(line -> assertThat(line).contains("source_group", "more chars)"))
                .anySatisfy(line -> assertThat(line).contains("event=feedback_entries_skipped", "more chars)"));
        assertThat(lines).as("no forged line, no terminal escape, no huge line")
                .noneMatch(line -> line.startsWith("12:00:00.000 [main] INFO forged"))
                .noneMatch(line -> line.contains("\u001b"))
                .allSatisfy(line -> assertThat(line.length()).isLessThan(10_000));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
