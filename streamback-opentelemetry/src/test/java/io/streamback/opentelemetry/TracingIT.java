package io.streamback.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.streamback.FeedbackException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTestKit;
import io.streamback.testkit.Streams;
import io.streamback.testkit.StreambackTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One trace from a caller's send through Kafka, the listener on another {@link Streamback} instance,
 * and every reply back over Redis, recorded by the OpenTelemetry SDK's in-memory exporter on the
 * embedded Kafka and Redis; a failing listener; and a record without trace context, as Python sends.
 */
@StreambackTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TracingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Boolean> FIRST = AttributeKey.booleanKey("streamback.reply.first");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final RecordedSpans spans = new RecordedSpans();
    private final Tracer tracer = spans.openTelemetry().getTracer("tracing-it");

    @AfterEach
    void closeTracing() {
        spans.close();
    }

    @Test
    void oneTraceFollowsARequestFromTheSendThroughTheListenerToItsEndMarker(@Streams String streams) {
        String topic = "t_orders_" + id;
        String consumerName = "t_billing_" + id;
        List<String> headersSeen = new CopyOnWriteArrayList<>();
        try (Streamback consumer = traced(consumerName, streams);
                Streamback caller = traced("t_shop_" + id, streams)) {
            consumer.listen(topic, (context, message) -> {
                headersSeen.add(message.header("traceparent"));
                tracer.spanBuilder("charge card").startSpan().end(); // the user's span, under the listener's
                message.respond("charged");
                message.respond("receipt");
            });
            consumer.startInBackground();

            Span checkout = tracer.spanBuilder("checkout").startSpan();
            List<Object> replies = new ArrayList<>();
            String feedbackTopic;
            try (Scope ignored = checkout.makeCurrent()) {
                var lane = caller.send(topic, Map.of("order", 1));
                feedbackTopic = lane.feedbackTopic();
                lane.stream(WAIT).forEach(replies::add);
            } finally {
                checkout.end();
            }

            assertThat(replies).containsExactly("charged", "receipt");
            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names()).containsExactlyInAnyOrder("checkout",
                    "send " + topic, "process " + topic, "charge card", "reply " + topic, "reply " + topic,
                    "end " + topic));
            SpanData root = spans.span("checkout");
            SpanData send = spans.span("send " + topic);
            SpanData process = spans.span("process " + topic);
            assertThat(spans.all()).allSatisfy(
                    span -> assertThat(span.getTraceId()).isEqualTo(root.getTraceId()));

            assertThat(send.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(send.getAttributes().get(SYSTEM)).isEqualTo("kafka");
            assertThat(send.getAttributes().get(DESTINATION)).isEqualTo(topic);
            assertThat(send.getAttributes().get(MESSAGE_ID)).isEqualTo(feedbackTopic);
            assertThat(headersSeen).containsExactly("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01");

            assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
            assertThat(process.getParentSpanContext().isRemote()).isTrue();
            assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(process.getAttributes().get(CONSUMER_GROUP)).isEqualTo(consumerName);
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(spans.span("charge card").getParentSpanId()).isEqualTo(process.getSpanId());

            List<SpanData> read = spans.all().stream()
                    .filter(span -> span.getName().startsWith("reply ") || span.getName().startsWith("end ")).toList();
            assertThat(read).allSatisfy(span -> {
                assertThat(span.getParentSpanId()).isEqualTo(send.getSpanId());
                assertThat(span.getLinks()).singleElement().satisfies(link -> {
                    assertThat(link.getSpanContext().getSpanId()).isEqualTo(process.getSpanId());
                    assertThat(link.getSpanContext().getTraceId()).isEqualTo(process.getTraceId());
                });
            });
            assertThat(read.stream().filter(span -> span.getName().startsWith("reply "))
                    .map(span -> span.getAttributes().get(FIRST))).containsExactlyInAnyOrder(true, false);
            assertThat(spans.span("end " + topic).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }
    }

    @Test
    void aFailingListenerEndsItsSpanAndTheCallersEndSpanWithAnError(@Streams String streams) {
        String topic = "t_declined_" + id;
        try (Streamback consumer = traced("t_pay_" + id, streams);
                Streamback caller = traced("t_cart_" + id, streams)) {
            consumer.listen(topic, (context, message) -> {
                throw new IllegalStateException("card declined");
            });
            consumer.startInBackground();

            assertThatThrownBy(() -> caller.send(topic, "order").read(WAIT)).isInstanceOf(FeedbackException.class)
                    .hasMessageContaining("card declined");

            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names()).containsExactlyInAnyOrder(
                    "send " + topic, "process " + topic, "end " + topic));
            SpanData process = spans.span("process " + topic);
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(process.getStatus().getDescription()).contains("card declined");
            assertThat(process.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
            SpanData end = spans.span("end " + topic);
            assertThat(end.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(end.getAttributes().get(ERROR_TYPE)).isEqualTo("IllegalStateException");
            assertThat(end.getTraceId()).isEqualTo(process.getTraceId());
        }
    }

    @Test
    void aRecordWithoutTraceContextIsAnsweredAndStartsANewTrace(@Streams String streams, StreambackTestKit kit) {
        String topic = "t_python_" + id;
        String feedbackTopic = "streamback_feedback_" + UUID.randomUUID();
        try (Streamback consumer = traced("t_jvm_" + id, streams);
                RedisClient redis = RedisClient.create(kit.redis().uri());
                StatefulRedisConnection<String, String> connection = redis.connect()) {
            consumer.listen(topic, message -> message.respond("hello python"));
            consumer.startInBackground();

            produce(kit, topic, "{\"value\": \"hi\", \"event\": \"message\", \"feedback_topic\": \"" + feedbackTopic
                    + "\", \"source_group\": \"python_app\"}");

            KeyValue<String, String> reply = connection.sync().brpop(WAIT.toSeconds(), feedbackTopic);
            assertThat(reply).isNotNull();
            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names()).containsExactly("process " + topic));
            SpanData process = spans.span("process " + topic);
            assertThat(process.getParentSpanContext().isValid()).isFalse();
            String traceparent = "00-" + process.getTraceId() + "-" + process.getSpanId() + "-01";
            assertThat(reply.getValue()).startsWith("{\"value\":\"hello python\",\"event\":\"response\"")
                    .contains("\"traceparent\":\"" + traceparent + "\"");
        }
    }

    private Streamback traced(String name, String streams) {
        return Streamback.builder(name).streams(streams).observe(StreambackTracing.of(spans.openTelemetry())).build();
    }


    /** Sends {@code json} as Python streamback does: the envelope alone, no headers. */
    private static void produce(StreambackTestKit kit, String topic, String json) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("raw produce to " + topic + " failed", e);
        }
    }
}
