package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.Message;
import io.streamback.SendOptions;
import io.streamback.Streamback;
import io.streamback.WorkerSnapshot;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines and headers on the real Kafka and Redis: a consumer group that starts at the earliest
 * offset after its callers gave up runs none of their requests, and headers are Kafka headers.
 */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeadlinesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALLER_WAIT = Duration.ofSeconds(1);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void aConsumerGroupStartedAfterItsCallersGaveUpRunsNoneOfTheirRequests(@Streams String streams) {
        String topic = unique("deadline_work");
        Streamback caller = closer.add(Streamback.builder(unique("deadline_caller")).streams(streams)
                .feedbackTimeout(CALLER_WAIT).build());
        List<String> feedbackTopics = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FeedbackLane lane = caller.send(topic, Map.of("n", i)); // deadline: now + feedbackTimeout (1 s)
            feedbackTopics.add(lane.feedbackTopic());
            assertThatThrownBy(() -> lane.read(CALLER_WAIT)).as("nobody listens yet")
                    .isInstanceOf(FeedbackTimeoutException.class);
        }
        List<Message> ran = new CopyOnWriteArrayList<>();

        Streamback renamed = closer.add(Streamback.create(unique("deadline_renamed_app"), streams))
                .listen(topic, message -> {
                    ran.add(message);
                    message.respond("done");
                })
                .startInBackground();

        for (String feedbackTopic : feedbackTopics) {
            assertThatThrownBy(() -> caller.continueStream(feedbackTopic).read(PATIENCE))
                    .isInstanceOfSatisfying(FeedbackException.class, e -> {
                        assertThat(e.remoteError()).matches("DeadlineExceeded\\('request expired at \\S+Z,"
                                + " \\d+\\.\\d s before it was received'\\)");
                        assertThat(e.sourceGroup()).isEqualTo(renamed.group());
                    });
        }
        assertThat(ran).as("no expired request ran").isEmpty();
        assertThat(caller.send(topic, Map.of("n", "in time")).read(PATIENCE)).isEqualTo("done");
        assertThat(ran).singleElement().satisfies(m -> assertThat(m.value()).isEqualTo(Map.of("n", "in time")));
        try (Admin admin = ItSupport.admin()) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                WorkerSnapshot worker = renamed.snapshot().groups().get(0).members().get(0);
                assertThat(worker.expired()).isEqualTo(5);
                assertThat(worker.processed()).isEqualTo(6);
                assertThat(worker.failed()).isZero();
                assertThat(ItSupport.committedOffset(admin, renamed.group(), topic)).as("expired ones are committed")
                        .isEqualTo(6);
            });
        }
    }

    @Test
    void headersTravelAsKafkaHeadersAndTheDeadlineAsAnEnvelopeField(@Streams String streams) throws Exception {
        String topic = unique("deadline_headers");
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("deadline_headers_consumer"), streams))
                .listen(topic, message -> {
                    received.add(message);
                    message.respond(message.header("trace_id"));
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("deadline_headers_producer"), streams));
        Instant deadline = Instant.now().plusSeconds(600);

        Object reply = producer.send(topic, Map.of("hello", "world"), SendOptions.defaults()
                .key("user-42")
                .header("trace_id", "abc-123")
                .header("tenant", "caf\u00e9")
                .deadline(deadline)).read(PATIENCE);

        assertThat(reply).isEqualTo("abc-123");
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.headers()).containsExactly(Map.entry("trace_id", "abc-123"),
                    Map.entry("tenant", "caf\u00e9"));
            assertThat(message.deadline()).isEqualTo(Instant.ofEpochMilli(deadline.toEpochMilli()));
            assertThat(message.key()).isEqualTo("user-42");
        });
        ConsumerRecord<byte[], byte[]> record = ItSupport.readRaw(topic, 1).get(0);
        assertThat(new String(record.headers().lastHeader("trace_id").value(), StandardCharsets.UTF_8))
                .isEqualTo("abc-123");
        assertThat(new String(record.headers().lastHeader("tenant").value(), StandardCharsets.UTF_8))
                .isEqualTo("caf\u00e9");
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(envelope.get("streamback_deadline_ms").isIntegralNumber()).isTrue();
        assertThat(envelope.get("streamback_deadline_ms").asLong()).isEqualTo(deadline.toEpochMilli());
        assertThat(envelope.has("trace_id")).as("headers stay out of the envelope").isFalse();
    }
}
