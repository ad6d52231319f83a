package io.streamback.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamback.internal.JsonValues;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every byte sequence Python streamback wrote decodes, and encoding the same inputs gives the same JSON values. */
class WireCodecVectorsTest {
    /** The mapping every instance has by default: what send and respond put a user's value through. */
    private static final JsonValues DEFAULT_VALUES = JsonValues.withDefaultMapper();

    static Stream<JsonNode> kafkaVectors() {
        return PythonVectors.all().stream().filter(v -> v.get("transport").asText().equals("kafka"));
    }

    static Stream<JsonNode> redisVectors() {
        return PythonVectors.all().stream().filter(v -> v.get("transport").asText().equals("redis"));
    }

    @Test
    void theVectorFileCoversBothStreams() {
        assertThat(kafkaVectors().count()).isGreaterThanOrEqualTo(3);
        assertThat(redisVectors().count()).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaVectors")
    void mainStreamVectorsDecodeAndReencodeToTheSameJson(JsonNode vector) throws Exception {
        String bytes = vector.get("bytes").asText();
        JsonNode python = PythonVectors.tree(bytes);

        MainEnvelope decoded = WireCodec.decodeMessage(bytes.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.event()).isEqualTo(Events.MESSAGE);
        assertThat(decoded.feedbackTopic()).isEqualTo(python.get("feedback_topic").asText());
        assertThat(decoded.sourceGroup()).isEqualTo(python.get("source_group").asText());

        Object value = DEFAULT_VALUES.toPlain(PythonVectors.JSON.convertValue(python.get("value"), Object.class));
        MainEnvelope fromInputs = MainEnvelope.message(value, decoded.feedbackTopic(), decoded.sourceGroup());
        assertThat(PythonVectors.tree(WireCodec.encode(fromInputs))).isEqualTo(python);
        assertThat(PythonVectors.tree(WireCodec.encode(decoded))).isEqualTo(python);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisVectors")
    void feedbackVectorsDecodeAndReencodeToTheSameJson(JsonNode vector) {
        String bytes = vector.get("bytes").asText();
        JsonNode python = PythonVectors.tree(bytes);

        FeedbackEntry decoded = WireCodec.decodeFeedback(bytes);
        assertThat(decoded.event()).isEqualTo(python.get("event").asText());
        assertThat(decoded.sourceGroup()).isEqualTo(python.get("source_group").asText());
        assertThat(PythonVectors.tree(WireCodec.encode(decoded))).isEqualTo(python);
        assertThat(PythonVectors.tree(WireCodec.encode(fromInputs(python)))).isEqualTo(python);
    }

    /** Builds the entry the way the library's own API does, from the inputs Python was given. */
    private static FeedbackEntry fromInputs(JsonNode python) {
        String event = python.get("event").asText();
        String group = python.get("source_group").asText();
        if (!event.equals(Events.RESPONSE)) {
            return FeedbackEntry.end(python.get("error").isNull() ? null : python.get("error").asText(), group);
        }
        Object value = DEFAULT_VALUES.toPlain(PythonVectors.JSON.convertValue(python.get("value"), Object.class));
        Map<String, Object> extras = new LinkedHashMap<>();
        python.fields().forEachRemaining(field -> {
            if (!List.of("value", "event", "source_group").contains(field.getKey())) {
                extras.put(field.getKey(),
                        DEFAULT_VALUES.toPlain(PythonVectors.JSON.convertValue(field.getValue(), Object.class)));
            }
        });
        return new FeedbackEntry(Events.RESPONSE, value, null, group, extras);
    }

    @Test
    void integersBeyondSixtyFourBitsSurviveARoundTrip() {
        String bytes = kafkaVectors().filter(v -> v.get("name").asText().equals("send_types_with_key"))
                .findFirst().orElseThrow().get("bytes").asText();
        MainEnvelope decoded = WireCodec.decodeMessage(bytes.getBytes(StandardCharsets.UTF_8));
        Map<?, ?> value = (Map<?, ?>) decoded.value();

        assertThat(value.get("i")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(value.get("s")).isEqualTo("caf\u00e9 \u2603 \"q\"");
        MainEnvelope again = WireCodec.decodeMessage(WireCodec.encode(decoded));
        assertThat(((Map<?, ?>) again.value()).get("i")).isEqualTo(new BigInteger("12345678901234567890"));
    }

    @Test
    void pythonsErrorTextReachesTheReaderUnchanged() {
        String bytes = redisVectors().filter(v -> v.get("name").asText().equals("end_with_error_two_listeners"))
                .findFirst().orElseThrow().get("bytes").asText();

        FeedbackEntry entry = WireCodec.decodeFeedback(bytes);

        assertThat(entry.isEnd()).isTrue();
        assertThat(entry.error()).isEqualTo("KeyError('k'), RuntimeError('second \"quoted\" failure')");
    }
}
