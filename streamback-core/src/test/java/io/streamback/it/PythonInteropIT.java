package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.KeyValue;
import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM library against the bytes Python streamback 0.4.6 wrote and expects, on the real Kafka
 * and Redis: each vector's feedback key is replaced by a fresh one so runs never collide.
 */
@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PythonInteropIT {
    private static final String RESOURCE = "/interop/python-0.4.6-vectors.jsonl";
    private static final Path SHARED_COPY = Path.of("/work/shared/interop/python-0.4.6-vectors.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSUMER_APP = "py_consumer_app";

    private static Map<String, JsonNode> vectors;

    private final ItSupport.Closer closer = new ItSupport.Closer();

    @BeforeAll
    static void loadVectors() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        for (String line : readVectorFile().split("\\R")) {
            if (!line.isBlank()) {
                JsonNode vector = JSON.readTree(line);
                byName.put(vector.get("name").asText(), vector);
            }
        }
        vectors = byName;
    }

    private static String readVectorFile() throws IOException {
        try (InputStream in = PythonInteropIT.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(SHARED_COPY, StandardCharsets.UTF_8);
    }

    @AfterEach
    void closeAll() {
        closer.close();
    }

    private static JsonNode vector(String name) {
        assertThat(vectors).as("vector " + name).containsKey(name);
        return vectors.get(name);
    }

    private static String bytesOf(String name) {
        return vector(name).get("bytes").asText();
    }

    private static String keyOf(String name) {
        return vector(name).get("key").asText();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String freshKey() {
        return "streamback_feedback_" + UUID.randomUUID();
    }

    /** Pops every entry of the list, oldest first, once {@code count} are there. */
    private static List<JsonNode> popAll(ItSupport.RawRedis redis, String key, int count) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(redis.sync().llen(key)).isEqualTo(count));
        Long ttl = redis.sync().ttl(key);
        assertThat(ttl).as("TTL of " + key).isBetween(1L, 300L);
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyValue<String, String> popped = redis.sync().brpop(5, key);
            assertThat(popped).isNotNull();
            entries.add(tree(popped.getValue()));
        }
        return entries;
    }

    @Test
    void jvmConsumerAnswersPythonProducerWithPythonBytes(@Streams String streams) {
        String pythonKey = keyOf("respond_value");
        assertThat(bytesOf("send_rpc")).as("send_rpc asks for replies on respond_value's key").contains(pythonKey);
        String topic = vector("send_rpc").get("topic").asText();
        closer.add(Streamback.create(CONSUMER_APP, streams))
                .listen(topic, message -> message.respond(Map.of("echo", message.value(), "from", "python")))
                .startInBackground();
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        String key = freshKey();

        ItSupport.produceRaw(topic, bytesOf("send_rpc").replace(pythonKey, key));

        List<JsonNode> entries = popAll(redis, key, 2);
        assertThat(entries.get(0)).isEqualTo(tree(bytesOf("respond_value")));
        assertThat(entries.get(1)).isEqualTo(tree(bytesOf("end_ok")));
    }

    @Test
    void jvmConsumerFailureLooksLikePythons(@Streams String streams) {
        String pythonKey = keyOf("end_with_error_two_listeners");
        String fullTopic = vector("send_for_error").get("topic").asText();
        assertThat(fullTopic).isEqualTo("dev.vec_two_errors");
        closer.add(Streamback.create(CONSUMER_APP, streams + "&topics_prefix=dev"))
                .listen("vec_two_errors", message -> {
                    throw new IllegalStateException("k");
                })
                .listen("vec_two_errors", message -> {
                    throw new IllegalArgumentException("second failure");
                })
                .startInBackground();
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        String key = freshKey();

        ItSupport.produceRaw(fullTopic, bytesOf("send_for_error").replace(pythonKey, key));

        List<JsonNode> entries = popAll(redis, key, 1);
        ObjectNode expected = (ObjectNode) tree(bytesOf("end_with_error_two_listeners"));
        expected.put("error", "IllegalStateException('k'), IllegalArgumentException('second failure')");
        assertThat(entries.get(0)).isEqualTo(expected);
        assertThat(entries.get(0).get("event").asText()).isEqualTo("response_end_with_error");
        assertThat(entries.get(0).get("source_group").asText()).isEqualTo(CONSUMER_APP);
    }

    @Test
    void jvmConsumerKeepsKeyUnicodeAndBigIntegersOfPython(@Streams String streams) {
        String pythonKey = keyOf("respond_types");
        JsonNode send = vector("send_types_with_key");
        String fullTopic = send.get("topic").asText();
        assertThat(fullTopic).isEqualTo("dev.vec_types");
        List<String> keys = new CopyOnWriteArrayList<>();
        List<Object> values = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(CONSUMER_APP, streams + "&topics_prefix=dev"))
                .listen("vec_types", message -> {
                    keys.add(message.key());
                    values.add(message.value());
                    message.respond(message.value());
                })
                .startInBackground();
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        String key = freshKey();

        ItSupport.produceRaw(fullTopic, send.get("key").asText(),
                bytesOf("send_types_with_key").replace(pythonKey, key).getBytes(StandardCharsets.UTF_8));

        List<JsonNode> entries = popAll(redis, key, 2);
        assertThat(entries.get(0)).isEqualTo(tree(bytesOf("respond_types")));
        assertThat(entries.get(1)).isEqualTo(tree(bytesOf("end_ok")));
        assertThat(keys).containsExactly("user-42");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) values.get(0);
        assertThat(value).containsEntry("i", new BigInteger("12345678901234567890"))
                .containsEntry("s", "caf\u00e9 \u2603 \"q\"");
    }

    @Test
    void jvmProducerWritesWhatPythonSendsPlusADeadlinePythonIgnores(@Streams String streams) {
        String topic = unique("interop_send");
        Streamback producer = closer.add(Streamback.create("py_producer_app", streams));
        long before = System.currentTimeMillis();

        FeedbackLane lane = producer.send(topic, Map.of("hello", "world", "n", 1));
        producer.flush();

        List<ConsumerRecord<byte[], byte[]>> records = ItSupport.readRaw(topic, 1);
        assertThat(records.get(0).key()).isNull();
        assertThat(records.get(0).headers().toArray()).as("no headers unless asked for").isEmpty();
        String pythonKey = keyOf("respond_value");
        JsonNode expected = tree(bytesOf("send_rpc").replace(pythonKey, lane.feedbackTopic()));
        ObjectNode written = (ObjectNode) tree(new String(records.get(0).value(), StandardCharsets.UTF_8));
        JsonNode deadline = written.remove("streamback_deadline_ms");
        assertThat(deadline.isIntegralNumber()).isTrue();
        assertThat(deadline.asLong()).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
        assertThat(written).as("the rest is Python's envelope").isEqualTo(expected);
    }

    @Test
    void jvmProducerWithoutDefaultDeadlinesWritesExactlyWhatPythonSends(@Streams String streams) {
        String topic = unique("interop_send");
        Streamback producer = closer.add(Streamback.builder("py_producer_app").streams(streams)
                .defaultDeadlines(false).build());

        FeedbackLane lane = producer.send(topic, Map.of("hello", "world", "n", 1));
        producer.flush();

        List<ConsumerRecord<byte[], byte[]>> records = ItSupport.readRaw(topic, 1);
        String pythonKey = keyOf("respond_value");
        JsonNode expected = tree(bytesOf("send_rpc").replace(pythonKey, lane.feedbackTopic()));
        assertThat(tree(new String(records.get(0).value(), StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void jvmProducerReadsWhatPythonConsumersWrite(@Streams String streams) {
        Streamback producer = closer.add(Streamback.create("py_producer_app", streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        String key = freshKey();
        for (String entry : List.of("respond_types", "respond_payload", "respond_null", "end_ok")) {
            redis.sync().lpush(key, bytesOf(entry));
        }
        redis.sync().expire(key, 300);

        FeedbackLane lane = producer.continueStream(key);

        @SuppressWarnings("unchecked")
        Map<String, Object> types = (Map<String, Object>) lane.from(CONSUMER_APP).read(Map.class, Duration.ofSeconds(10));
        assertThat(types).containsEntry("i", new BigInteger("12345678901234567890"))
                .containsEntry("s", "caf\u00e9 \u2603 \"q\"")
                .containsEntry("l", List.of(1, "two", Map.of("three", 3)));
        assertThat(lane.read(Duration.ofSeconds(10))).isEqualTo(Map.of("custom", true));
        assertThat(lane.read(Duration.ofSeconds(10))).isNull();
        assertThat(lane.isEnded()).as("a null reply is not the end").isFalse();
        assertThatThrownBy(() -> lane.read(Duration.ofSeconds(10))).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
    }
}
