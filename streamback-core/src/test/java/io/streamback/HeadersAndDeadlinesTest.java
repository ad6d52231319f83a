package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.internal.memory.MemoryMainStream;
import io.streamback.internal.spi.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers and deadlines of {@link SendOptions}, on the in-memory transport. */
class HeadersAndDeadlinesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String EXPIRY = "DeadlineExceeded\\('request expired at \\S+Z, \\d+\\.\\d s before it was"
            + " received'\\)";

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    private final List<Message> received = new CopyOnWriteArrayList<>();

    private Streamback recordingConsumer() {
        return apps.create("consumer").listen("work", message -> {
            received.add(message);
            message.respond("done");
        }).startInBackground();
    }

    private static WorkerSnapshot onlyWorker(Streamback streamback) {
        return streamback.snapshot().groups().get(0).members().get(0);
    }

    @Test
    void headersAndKeyTravelToTheListener() {
        recordingConsumer();
        Streamback producer = apps.create("producer");

        Object reply = producer.send("work", Map.of("n", 1), SendOptions.defaults()
                .key("user-42")
                .header("trace_id", "abc-123")
                .header("tenant", "caf\u00e9")
                .header("trace_id", "abc-456")).read(WAIT);

        assertThat(reply).isEqualTo("done");
        Message message = received.get(0);
        assertThat(message.key()).isEqualTo("user-42");
        assertThat(message.headers()).containsExactly(Map.entry("trace_id", "abc-456"), Map.entry("tenant", "caf\u00e9"));
        assertThat(message.header("tenant")).isEqualTo("caf\u00e9");
        assertThat(message.header("missing")).isNull();
    }

    @Test
    void oneWayMessagesCarryHeadersToo() {
        recordingConsumer();

        apps.create("producer").sendOneWay("work", null, SendOptions.defaults().headers(Map.of("origin", "batch")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(received.get(0).headers()).isEqualTo(Map.of("origin", "batch"));
        assertThat(received.get(0).deadline()).as("one-way sends carry no deadline by default").isNull();
    }

    @Test
    void headerValuesThatAreNotUtf8ReadAsReplacementCharacters() {
        recordingConsumer();
        byte[] envelope = ("{\"value\": null, \"event\": \"message\", \"feedback_topic\": \"streamback_feedback_"
                + UUID.randomUUID() + "\", \"source_group\": \"raw\"}").getBytes(StandardCharsets.UTF_8);

        MemoryMainStream.named(apps.memoryName()).send(new OutboundRecord("work", null, envelope,
                Map.of("binary", new byte[] {'o', 'k', (byte) 0xff})));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(received.get(0).header("binary")).isEqualTo("ok\ufffd");
    }

    @Test
    void aRequestPastItsDeadlineIsAnsweredWithTheExpiryNotRun() {
        Streamback consumer = recordingConsumer();
        Streamback producer = apps.create("producer");

        FeedbackLane late = producer.send("work", Map.of("n", 1),
                SendOptions.defaults().deadline(Instant.now().minusSeconds(12)));

        assertThatThrownBy(() -> late.read(WAIT))
                .isInstanceOfSatisfying(FeedbackException.class, e -> {
                    assertThat(e.remoteError()).matches(EXPIRY).contains("12.");
                    assertThat(e.sourceGroup()).isEqualTo("consumer");
                });
        assertThat(received).isEmpty();
        assertThat(producer.send("work", Map.of("n", 2)).read(WAIT)).as("a request in time runs").isEqualTo("done");
        assertThat(received).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(Map.of("n", 2)));
        await().atMost(WAIT).untilAsserted(() -> {
            WorkerSnapshot worker = onlyWorker(consumer);
            assertThat(worker.processed()).isEqualTo(2);
            assertThat(worker.expired()).isEqualTo(1);
            assertThat(worker.failed()).isZero();
        });
    }

    @Test
    void anExpiredOneWayMessageIsSkippedWithoutWritingFeedback() {
        Streamback consumer = recordingConsumer();
        Streamback producer = apps.create("producer");

        producer.sendOneWay("work", Map.of("n", 1), SendOptions.defaults().deadline(Instant.now().minusMillis(1)));
        producer.sendOneWay("work", Map.of("n", 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(onlyWorker(consumer).processed()).isEqualTo(2));
        assertThat(received).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(Map.of("n", 2)));
        assertThat(onlyWorker(consumer).expired()).isEqualTo(1);
    }

    @Test
    void aConsumerStartedAfterItsCallersGaveUpRunsNoneOfTheirRequests() {
        Streamback producer = apps.create("producer");
        SendOptions shortLived = SendOptions.defaults().deadlineAfter(Duration.ofMillis(200));
        List<FeedbackLane> lanes = List.of(producer.send("work", Map.of("n", 1), shortLived),
                producer.send("work", Map.of("n", 2), shortLived));
        for (FeedbackLane lane : lanes) {
            assertThatThrownBy(() -> lane.read(Duration.ofMillis(300))).isInstanceOf(FeedbackTimeoutException.class);
        }

        Streamback consumer = recordingConsumer();

        await().atMost(WAIT).untilAsserted(() -> assertThat(onlyWorker(consumer).expired()).isEqualTo(2));
        assertThat(received).isEmpty();
        for (FeedbackLane lane : lanes) {
            assertThatThrownBy(() -> producer.continueStream(lane.feedbackTopic()).read(WAIT))
                    .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.remoteError()).matches(EXPIRY));
        }
    }

    @Test
    void sendStampsSendTimePlusTheFeedbackTimeoutUnlessTold() {
        recordingConsumer();
        Streamback producer = apps.build(Streamback.builder("producer").feedbackTimeout(Duration.ofSeconds(40)));

        Instant before = Instant.now();
        producer.send("work", "default").read(WAIT);
        Instant after = Instant.now();
        producer.send("work", "after", SendOptions.defaults().deadlineAfter(Duration.ofHours(1))).read(WAIT);
        producer.send("work", "at", SendOptions.defaults().deadline(Instant.parse("2100-01-01T00:00:00Z"))).read(WAIT);
        producer.send("work", "none", SendOptions.defaults().noDeadline()).read(WAIT);

        assertThat(received.get(0).deadline()).isBetween(before.plusSeconds(40).minusMillis(1),
                after.plusSeconds(40).plusMillis(1));
        assertThat(received.get(1).deadline()).isBetween(before.plusSeconds(3600).minusMillis(1),
                Instant.now().plusSeconds(3600));
        assertThat(received.get(2).deadline()).isEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(received.get(3).deadline()).isNull();
    }

    @Test
    void defaultDeadlinesCanBeSwitchedOff() {
        recordingConsumer();
        Streamback producer = apps.build(Streamback.builder("producer").defaultDeadlines(false));

        producer.send("work", "plain").read(WAIT);
        producer.send("work", "own", SendOptions.defaults().deadlineAfter(Duration.ofMinutes(1))).read(WAIT);

        assertThat(received.get(0).deadline()).isNull();
        assertThat(received.get(1).deadline()).as("a deadline in the options still applies").isNotNull();
    }

    @Test
    void aPythonShapedMessageHasNoDeadlineNorHeadersAndRunsHoweverOld() {
        Streamback consumer = recordingConsumer();
        String key = "streamback_feedback_" + UUID.randomUUID();
        byte[] python = ("{\"value\": {\"hello\": \"world\", \"n\": 1}, \"event\": \"message\", \"feedback_topic\": \""
                + key + "\", \"source_group\": \"py_producer_app\"}").getBytes(StandardCharsets.UTF_8);

        MemoryMainStream.named(apps.memoryName()).send(new OutboundRecord("work", null, python));

        assertThat(apps.create("reader").continueStream(key).read(WAIT)).isEqualTo("done");
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.deadline()).isNull();
            assertThat(message.headers()).isEmpty();
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(onlyWorker(consumer).processed()).isEqualTo(1));
        assertThat(onlyWorker(consumer).expired()).isZero();
    }

    @Test
    void aDeadlineFieldThatIsNotANumberCountsAsNone() {
        AtomicInteger runs = new AtomicInteger();
        apps.create("consumer").listen("work", message -> {
            runs.incrementAndGet();
            message.respond(message.deadline() == null ? "no deadline" : "deadline");
        }).startInBackground();
        String key = "streamback_feedback_" + UUID.randomUUID();
        byte[] odd = ("{\"value\": null, \"event\": \"message\", \"feedback_topic\": \"" + key
                + "\", \"source_group\": \"py\", \"streamback_deadline_ms\": \"yesterday\"}")
                .getBytes(StandardCharsets.UTF_8);

        MemoryMainStream.named(apps.memoryName()).send(new OutboundRecord("work", null, odd));

        assertThat(apps.create("reader").continueStream(key).read(WAIT)).isEqualTo("no deadline");
        assertThat(runs).hasValue(1);
    }

    @Test
    void optionsAreImmutableAndCheckTheirArguments() {
        SendOptions base = SendOptions.defaults().header("a", "1");
        SendOptions more = base.header("b", "2").key("k");

        assertThat(base.headers()).isEqualTo(Map.of("a", "1"));
        assertThat(base.key()).isNull();
        assertThat(more.headers()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(more.key()).isEqualTo("k");
        assertThatThrownBy(() -> base.header("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.deadlineAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.headers().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
