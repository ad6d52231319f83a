package io.streamback.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope field {@code streamback_deadline_ms}: what Python sends lacks it, what the JVM adds is one extra field. */
class DeadlineFieldTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Instant DEADLINE = Instant.parse("2026-12-01T18:00:00.123Z");

    private static MainEnvelope decode(String json) {
        return WireCodec.decodeMessage(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamback.internal.wire.WireCodecVectorsTest#kafkaVectors")
    void pythonMessagesHaveNoDeadline(JsonNode vector) {
        assertThat(decode(vector.get("bytes").asText()).deadline()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamback.internal.wire.WireCodecVectorsTest#kafkaVectors")
    void aDeadlineIsPythonsEnvelopePlusOneIntegerField(JsonNode vector) throws Exception {
        JsonNode python = PythonVectors.tree(vector.get("bytes").asText());
        MainEnvelope decoded = decode(vector.get("bytes").asText());
        Object value = MAPPER.convertValue(python.get("value"), Object.class);

        byte[] bytes = WireCodec.encode(MainEnvelope.message(value, decoded.feedbackTopic(), decoded.sourceGroup(),
                DEADLINE));

        ObjectNode expected = ((ObjectNode) python.deepCopy()).put(MainEnvelope.DEADLINE, DEADLINE.toEpochMilli());
        JsonNode written = MAPPER.readTree(bytes);
        assertThat(written).isEqualTo(expected);
        assertThat(written.get(MainEnvelope.DEADLINE).isIntegralNumber()).isTrue();
        assertThat(WireCodec.decodeMessage(bytes).deadline()).isEqualTo(DEADLINE);
    }

    @Test
    void aOneWayDeadlineSitsNextToTheFlag() throws Exception {
        MainEnvelope oneWay = MainEnvelope.oneWay(null, FeedbackKeys.newKey(), "app", DEADLINE);

        JsonNode written = MAPPER.readTree(WireCodec.encode(oneWay));

        assertThat(written.get(MainEnvelope.EXPECTS_FEEDBACK).asBoolean(true)).isFalse();
        assertThat(written.get(MainEnvelope.DEADLINE).asLong()).isEqualTo(DEADLINE.toEpochMilli());
        assertThat(MainEnvelope.oneWay(null, FeedbackKeys.newKey(), "app").deadline()).isNull();
    }

    @Test
    void aFractionOfAMillisecondIsCut() {
        assertThat(decode("{\"event\": \"message\", \"streamback_deadline_ms\": 1796148000123.9}").deadline())
                .isEqualTo(DEADLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-12-01T18:00:00Z\"", "null", "true", "{}", "123456789012345678901234567890"})
    void anythingButANumberWithin64BitsIsNoDeadline(String field) {
        assertThat(decode("{\"event\": \"message\", \"streamback_deadline_ms\": " + field + "}").deadline()).isNull();
    }
}
