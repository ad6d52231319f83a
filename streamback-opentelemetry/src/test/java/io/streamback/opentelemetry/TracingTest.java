package io.streamback.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.streamback.FeedbackTimeoutException;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans of what the IT does not show, on the memory streams: a one-way send, a read that times out, a retry. */
class TracingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String streams = "main=memory://trace-" + UUID.randomUUID() + "&feedback=memory://trace-"
            + UUID.randomUUID();
    private final RecordedSpans spans = new RecordedSpans();

    @AfterEach
    void closeTracing() {
        spans.close();
    }

    @Test
    void aOneWaySendIsOneSpanEndedWhenTheMainStreamTookIt() {
        try (Streamback caller = traced("oneway")) {
            caller.sendOneWay("audit", "logged in").join();

            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names()).containsExactly("send audit"));
            assertThat(spans.span("send audit").getAttributes().get(AttributeKey.booleanKey("streamback.expects_feedback")))
                    .isFalse();
        }
    }

    @Test
    void aReadThatTimesOutEndsWithAnErrorSpan() {
        try (Streamback caller = traced("waiting")) {
            assertThatThrownBy(() -> caller.send("nobody_listens", "hello?").read(Duration.ofMillis(200)))
                    .isInstanceOf(FeedbackTimeoutException.class);

            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names())
                    .containsExactlyInAnyOrder("send nobody_listens", "timeout nobody_listens"));
            SpanData timeout = spans.span("timeout nobody_listens");
            assertThat(timeout.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(timeout.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("timeout");
            assertThat(timeout.getParentSpanId()).isEqualTo(spans.span("send nobody_listens").getSpanId());
        }
    }

    @Test
    void aRetryIsAnEventOfTheRecordsSpanWhichSucceedsInTheEnd() {
        AtomicInteger calls = new AtomicInteger();
        try (Streamback app = traced("retrying")) {
            app.listen("flaky", RetryStrategy.times(2).interval(Duration.ofMillis(10)), (context, message) -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first call fails");
                }
                message.respond("ok");
            });
            app.startInBackground();

            assertThat(app.send("flaky", "go").read(WAIT)).isEqualTo("ok");

            await().atMost(WAIT).untilAsserted(() -> assertThat(spans.names()).contains("process flaky"));
            SpanData process = spans.span("process flaky");
            assertThat(process.getEvents()).extracting(event -> event.getName()).containsExactly("exception", "retry");
            assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(process.getAttributes().get(AttributeKey.stringKey("streamback.outcome"))).isEqualTo("handled");
        }
    }

    @Test
    void anOpenTelemetryIsRequired() {
        assertThatThrownBy(() -> StreambackTracing.of((OpenTelemetry) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("openTelemetry");
    }

    private Streamback traced(String name) {
        return Streamback.builder(name).streams(streams).observe(StreambackTracing.of(spans.openTelemetry())).build();
    }

}
