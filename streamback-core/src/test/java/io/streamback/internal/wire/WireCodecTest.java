package io.streamback.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    @Test
    void rejectsRecordsThatAreNotJsonObjects() {
        assertThatThrownBy(() -> WireCodec.decodeMessage("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> WireCodec.decodeMessage("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> WireCodec.decodeMessage(new byte[0]))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> WireCodec.decodeMessage("{\"value\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not valid UTF-8 JSON");
    }

    @Test
    void rejectsMalformedUtf8() {
        byte[] bytes = {'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> WireCodec.decodeMessage(bytes))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void rejectsAFeedbackTopicThatIsNotText() {
        assertThatThrownBy(() -> WireCodec.decodeMessage("{\"value\": 1, \"feedback_topic\": 5}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("feedback_topic");
    }

    @Test
    void keepsUnknownEnvelopeFields() {
        byte[] bytes = "{\"value\": 1, \"event\": \"message\", \"trace\": {\"id\": \"abc\"}}"
                .getBytes(StandardCharsets.UTF_8);

        MainEnvelope envelope = WireCodec.decodeMessage(bytes);

        assertThat(envelope.extras()).containsEntry("trace", Map.of("id", "abc"));
        assertThat(new String(WireCodec.encode(envelope), StandardCharsets.UTF_8)).contains("\"trace\":{\"id\":\"abc\"}");
    }

    @Test
    void aMessageWithoutEventIsAPlainMessage() {
        MainEnvelope envelope = WireCodec.decodeMessage("{\"value\": \"x\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.event()).isEqualTo(Events.MESSAGE);
        assertThat(envelope.feedbackTopic()).isNull();
    }

    @Test
    void feedbackKeysMustBeThePrefixAndAUuid() {
        assertThat(FeedbackKeys.isValid(FeedbackKeys.newKey())).isTrue();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200-9772-45aa-8696-e033fdea368d")).isTrue();
        assertThat(FeedbackKeys.isValid("user:1:session")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200-9772-45aa-8696-e033fdea368d\nFLUSHALL")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200-9772-45aa-8696-e033fdea368d:x")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936A6200-9772-45AA-8696-E033FDEA368D")).isTrue();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200-9772-45aa-8696-e033fdea368g")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200x9772-45aa-8696-e033fdea368d")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedback_936a6200-9772-45aa-8696-e033fdea36\u0661\u0662")).isFalse();
        assertThat(FeedbackKeys.isValid("streamback_feedbacK_936a6200-9772-45aa-8696-e033fdea368d")).isFalse();
    }
}
