package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extra fields a record's observers add to its feedback entries, as they are written and read back. */
class FeedbackFieldsTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final Map<String, String> TRACE = traceFields();

    private final FeedbackWriter writer = new FeedbackWriter(null, "billing", Duration.ofMinutes(1), 16,
            JsonValues.withDefaultMapper());

    @Test
    void repliesAndEndMarkersCarryTheFieldsAfterTheProtocolsOwn() {
        assertThat(writer.replyEntry("paid", TRACE)).isEqualTo("{\"value\":\"paid\",\"event\":\"response\","
                + "\"source_group\":\"billing\",\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"sb=1\"}");
        assertThat(writer.endEntry(null, TRACE)).isEqualTo("{\"event\":\"response_end\",\"error\":null,"
                + "\"source_group\":\"billing\",\"traceparent\":\"" + TRACEPARENT + "\",\"tracestate\":\"sb=1\"}");
        assertThat(writer.endEntry("ValueError('no')", TRACE)).startsWith("{\"event\":\"response_end_with_error\","
                + "\"error\":\"ValueError('no')\",\"source_group\":\"billing\",\"traceparent\":");
    }

    @Test
    void anEntryWithTheFieldsDecodesAsBeforeAndKeepsThem() {
        FeedbackEntry reply = WireCodec.decodeFeedback(writer.replyEntry(Map.of("id", 7), TRACE));
        FeedbackEntry end = WireCodec.decodeFeedback(writer.endEntry(null, TRACE));

        assertThat(reply.isResponse()).isTrue();
        assertThat(reply.value()).isEqualTo(Map.of("id", 7));
        assertThat(reply.sourceGroup()).isEqualTo("billing");
        assertThat(FeedbackFields.read(reply.extras())).isEqualTo(TRACE);
        assertThat(end.isEnd()).isTrue();
        assertThat(end.error()).isNull();
        assertThat(FeedbackFields.read(end.extras())).isEqualTo(TRACE);
    }

    @Test
    void withoutFieldsThePlainEndMarkerIsTheOneEncodedOnce() {
        assertThat(writer.endEntry(null, Map.of())).isSameAs(writer.endEntry(null));
        assertThat(writer.replyEntry("x", Map.of())).isEqualTo(writer.replyEntry("x"));
    }

    @Test
    void aPayloadsOwnFieldWinsOverAnObserversFieldOfTheSameName() {
        String entry = writer.replyPayloadEntry(Map.of("value", 1, "tracestate", "mine"), TRACE);

        assertThat(WireCodec.decodeFeedback(entry).extras()).containsEntry("tracestate", "mine")
                .containsEntry("traceparent", TRACEPARENT);
    }

    @Test
    void fieldsNamedLikeTheProtocolsAreDropped() {
        Map<String, String> asked = new LinkedHashMap<>(TRACE);
        asked.put("value", "forged");
        asked.put("event", "response_end");
        asked.put("error", "forged");
        asked.put("source_group", "forged");

        Map<String, String> kept = FeedbackFields.toWrite(asked);

        assertThat(kept).isEqualTo(TRACE);
        FeedbackEntry end = WireCodec.decodeFeedback(writer.endEntry(null, kept));
        assertThat(end.error()).isNull();
        assertThat(end.sourceGroup()).isEqualTo("billing");
        assertThat(end.extras()).doesNotContainKey("value");
    }

    @Test
    void onlyTextExtrasAreReadAsFields() {
        FeedbackEntry entry = WireCodec.decodeFeedback(
                "{\"value\":1,\"event\":\"response\",\"source_group\":\"g\",\"traceparent\":\"" + TRACEPARENT
                        + "\",\"attempt\":2,\"meta\":{\"a\":1}}");

        assertThat(FeedbackFields.read(entry.extras())).isEqualTo(Map.of("traceparent", TRACEPARENT));
    }

    private static Map<String, String> traceFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("traceparent", TRACEPARENT);
        fields.put("tracestate", "sb=1");
        return fields;
    }
}
