package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.ext.ConsumedRecord;
import io.streamback.ext.ObservedInstance;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.ext.StreambackObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The observer seam on the memory streams: what an observer hears, and that one that throws changes nothing. */
class ObserversTest {
    private final String streams = "main=memory://obs-" + UUID.randomUUID() + "&feedback=memory://obs-"
            + UUID.randomUUID();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @Test
    void anObserverHearsTheRequestItsRepliesAndTheRecordAndMayAddHeaders() {
        StreambackObserver recording = new StreambackObserver() {
            @Override
            public void onAttach(ObservedInstance instance) {
                heard.add("attach " + instance.name());
            }

            @Override
            public RequestObserver onRequest(RequestInfo request) {
                heard.add("request " + request.topic());
                return new RequestObserver() {
                    @Override
                    public Map<String, String> headers() {
                        return Map.of("traceparent", "00-abc-def-01");
                    }

                    @Override
                    public void reply(String group, Duration sinceSend, boolean first) {
                        heard.add("reply " + group + " first=" + first);
                    }

                    @Override
                    public void ended(String group, Duration sinceSend) {
                        heard.add("ended " + group);
                    }
                };
            }

            @Override
            public RecordObserver onRecord(ConsumedRecord record) {
                heard.add("record " + record.topic() + " traceparent=" + record.message().header("traceparent"));
                return new RecordObserver() {
                    @Override
                    public void finished(RecordOutcome outcome, Duration took) {
                        heard.add("finished " + outcome);
                    }
                };
            }
        };
        try (Streamback consumer = Streamback.builder("obs_consumer").streams(streams).observe(recording)
                .observe(throwing()).build();
                Streamback caller = Streamback.builder("obs_caller").streams(streams).observe(recording)
                        .observe(throwing()).build()) {
            consumer.listen("greet", (context, message) -> {
                message.respond("a");
                message.respond("b");
            });
            consumer.startInBackground();

            List<Object> replies = List.copyOf((List<?>) toList(caller.send("greet", "x").stream(Duration.ofSeconds(5))));

            assertThat(replies).containsExactly("a", "b");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).containsExactlyInAnyOrder(
                    "attach obs_consumer", "attach obs_caller", "request greet",
                    "record greet traceparent=00-abc-def-01", "finished HANDLED",
                    "reply obs_consumer first=true", "reply obs_consumer first=false", "ended obs_consumer"));
            assertThat(consumer.snapshot().groups().get(0).processed()).isEqualTo(1);
        }
    }

    @Test
    void aRecordsFeedbackFieldsComeBackToTheCallerWithEachReplyAndTheEndMarker() {
        StreambackObserver consumerSide = new StreambackObserver() {
            @Override
            public RecordObserver onRecord(ConsumedRecord record) {
                return new RecordObserver() {
                    @Override
                    public Map<String, String> feedbackFields() {
                        return Map.of("traceparent", "tp-" + record.message().value(), "value", "forged");
                    }
                };
            }
        };
        StreambackObserver callerSide = new StreambackObserver() {
            @Override
            public RequestObserver onRequest(RequestInfo request) {
                return new RequestObserver() {
                    @Override
                    public void reply(String group, Duration sinceSend, boolean first, Map<String, String> fields) {
                        heard.add("reply " + fields);
                    }

                    @Override
                    public void ended(String group, Duration sinceSend, Map<String, String> fields) {
                        heard.add("ended " + fields);
                    }

                    @Override
                    public void remoteError(String group, String error, Duration sinceSend,
                            Map<String, String> fields) {
                        heard.add("error " + fields);
                    }
                };
            }
        };
        try (Streamback consumer = Streamback.builder("fields_consumer").streams(streams).observe(consumerSide)
                .build();
                Streamback caller = Streamback.builder("fields_caller").streams(streams).observe(callerSide)
                        .build()) {
            consumer.listen("fields", (context, message) -> {
                if ("bad".equals(message.value())) {
                    throw new IllegalStateException("no");
                }
                message.respond("a");
            });
            consumer.startInBackground();

            assertThat(toList(caller.send("fields", "ok").stream(Duration.ofSeconds(5)))).containsExactly("a");
            assertThatThrownBy(() -> caller.send("fields", "bad").read(Duration.ofSeconds(5)))
                    .isInstanceOf(FeedbackException.class);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).containsExactly(
                    "reply {traceparent=tp-ok}", "ended {traceparent=tp-ok}", "error {traceparent=tp-bad}"));
        }
    }

    @Test
    void anObserverIsRequired() {
        assertThatThrownBy(() -> Streamback.builder("obs").observe(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("observer");
    }

    private static List<Object> toList(Iterable<?> replies) {
        List<Object> all = new CopyOnWriteArrayList<>();
        replies.forEach(all::add);
        return all;
    }

    /** An observer whose every method throws: logged and ignored. */
    private static StreambackObserver throwing() {
        return new StreambackObserver() {
            @Override
            public void onAttach(ObservedInstance instance) {
                throw new IllegalStateException("attach");
            }

            @Override
            public RequestObserver onRequest(RequestInfo request) {
                return new RequestObserver() {
                    @Override
                    public Map<String, String> headers() {
                        throw new IllegalStateException("headers");
                    }

                    @Override
                    public void reply(String group, Duration sinceSend, boolean first) {
                        throw new IllegalStateException("reply");
                    }
                };
            }

            @Override
            public RecordObserver onRecord(ConsumedRecord record) {
                throw new IllegalStateException("record");
            }
        };
    }
}
