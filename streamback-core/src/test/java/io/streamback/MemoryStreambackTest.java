package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole library on the in-memory transport: what users' unit tests run on. */
class MemoryStreambackTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    @Test
    void oneWayMessagesReachTheListener() {
        List<Message> received = new CopyOnWriteArrayList<>();
        apps.create("consumer").listen("hello", message -> received.add(message)).startInBackground();

        apps.create("producer").send("hello", Map.of("something", "Hello world!"), "k1");

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(1));
        Message message = received.get(0);
        assertThat(message.value()).isEqualTo(Map.of("something", "Hello world!"));
        assertThat(message.key()).isEqualTo("k1");
        assertThat(message.topic()).isEqualTo("hello");
        assertThat(message.sourceGroup()).isEqualTo("producer");
    }

    @Test
    void rpcReturnsTheReplyThenTheEnd() {
        apps.create("consumer").listen("greet", (context, message) ->
                message.respond("Hello, " + message.map(Map.class).get("name") + "!")).startInBackground();

        FeedbackLane lane = apps.create("producer").send("greet", Map.of("name", "Ada"));

        assertThat(lane.read(WAIT)).isEqualTo("Hello, Ada!");
        assertThat(lane.isEnded()).isFalse();
        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOfSatisfying(StreamEndedException.class, e -> {
            assertThat(e.groups()).containsExactly("consumer");
            assertThat(e.feedbackTopic()).isEqualTo(lane.feedbackTopic());
            assertThat(e).hasMessageContaining("consumer group consumer ended after 1 reply");
        });
        assertThat(lane.isEnded()).isTrue();
        assertThat(lane.endedBy()).isEqualTo("consumer");
        assertThatThrownBy(() -> lane.read(WAIT)).as("a read past the end").isInstanceOf(StreamEndedException.class);
    }

    @Test
    void streamYieldsEveryReplyInOrderIncludingNulls() {
        apps.create("consumer").listen("count", message -> {
            for (int i = 0; i < 5; i++) {
                message.respond(i);
            }
            message.respond(null);
        }).startInBackground();

        List<@Nullable Object> replies = new ArrayList<>();
        apps.create("producer").send("count", null).stream(WAIT).forEach(replies::add);

        assertThat(replies).containsExactly(0, 1, 2, 3, 4, null);
    }

    @Test
    void aFailingListenerRaisesFeedbackExceptionWithTheRemoteError() {
        apps.create("consumer")
                .listen("fail", message -> {
                    throw new IllegalStateException("boom");
                })
                .listen("fail", message -> {
                    throw new IllegalArgumentException("second 'quoted' failure");
                })
                .startInBackground();

        FeedbackLane lane = apps.create("producer").send("fail", Map.of());

        assertThatThrownBy(() -> lane.read(WAIT))
                .isInstanceOfSatisfying(FeedbackException.class, e -> {
                    assertThat(e.remoteError()).isEqualTo(
                            "IllegalStateException('boom'), IllegalArgumentException(\"second 'quoted' failure\")");
                    assertThat(e.sourceGroup()).isEqualTo("consumer");
                });
        assertThat(lane.isEnded()).isTrue();
    }

    @Test
    void silenceRaisesFeedbackTimeoutException() {
        FeedbackLane lane = apps.create("producer").send("nobody_listens", Map.of());

        assertThatThrownBy(() -> lane.read(Duration.ofMillis(200)))
                .isInstanceOfSatisfying(FeedbackTimeoutException.class,
                        e -> assertThat(e.feedbackTopic()).isEqualTo(lane.feedbackTopic()));
        assertThat(lane.readAsync(Duration.ofMillis(100)))
                .failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOf(FeedbackTimeoutException.class);
    }

    record Greeting(String text, int n) {
    }

    @Test
    void readFromOneGroupSkipsTheOthersAndMapsTheReply() {
        apps.create("group_a").listen("ask", message -> message.respond(Map.of("text", "from a", "n", 1)))
                .startInBackground();
        apps.create("group_b").listen("ask", message -> message.respond(Map.of("text", "from b", "n", 2)))
                .startInBackground();

        for (int i = 0; i < 3; i++) {
            FeedbackLane lane = apps.create("producer_" + i).send("ask", Map.of());
            assertThat(lane.from("group_b").read(Greeting.class, WAIT)).isEqualTo(new Greeting("from b", 2));
            assertThatThrownBy(() -> lane.from("group_b").read(Greeting.class, WAIT))
                    .isInstanceOfSatisfying(StreamEndedException.class,
                            e -> assertThat(e.groups()).containsExactly("group_b"));
        }
    }

    @Test
    void continueStreamReadsTheRestElsewhere() {
        apps.create("consumer").listen("parts", message -> {
            message.respond("one");
            message.respond("two");
        }).startInBackground();
        FeedbackLane lane = apps.create("producer").send("parts", Map.of());
        assertThat(lane.read(WAIT)).isEqualTo("one");

        FeedbackLane resumed = apps.create("other_process").continueStream(lane.feedbackTopic());

        assertThat(resumed.read(WAIT)).isEqualTo("two");
        assertThatThrownBy(() -> resumed.read(WAIT)).isInstanceOf(StreamEndedException.class);
        assertThatThrownBy(() -> apps.create("x").continueStream("user:1:session"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamback_feedback_<uuid>");
    }

    @Test
    void theTopicsPrefixIsAppliedOnBothSides() {
        List<String> topics = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.build(Streamback.builder("consumer").topicsPrefix("dev"));
        consumer.listen("hello", message -> topics.add(message.topic())).startInBackground();
        Streamback unprefixed = apps.create("plain");
        List<String> plain = new CopyOnWriteArrayList<>();
        unprefixed.listen("dev.hello", message -> plain.add(message.topic())).startInBackground();

        Streamback producer = apps.track(Streamback.create("producer", apps.streams() + "&topics_prefix=dev"));
        producer.send("hello", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(topics).containsExactly("hello");
            assertThat(plain).containsExactly("dev.hello");
        });
    }

    static final class Handlers {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Listen(topic = "inputs")
        String inputs(@Input("arg1") String arg1, @Input("arg2") int arg2, Context context) {
            seen.add(context.listener().name());
            return arg1 + "-" + (arg2 + 1);
        }
    }

    @Test
    void annotatedMethodsGetTheirInputsInjectedAndReplyWithTheirResult() {
        Handlers handlers = new Handlers();
        apps.create("consumer").register(handlers).startInBackground();

        FeedbackLane lane = apps.create("producer").send("inputs", Map.of("arg1", "a", "arg2", 41));

        assertThat(lane.read(WAIT)).isEqualTo("a-42");
        assertThat(handlers.seen).containsExactly("Handlers.inputs");
    }

    /** What a subclass proxy (Spring's CGLIB) looks like: an override without the annotation. */
    static final class Decorated extends Greeter {
        @Override
        String greet(@Input("name") String name) {
            return "[" + super.greet(name) + "]";
        }
    }

    static class Greeter {
        @Listen(topic = "greetings")
        String greet(@Input("name") String name) {
            return "Hello, " + name;
        }
    }

    @Test
    void aListenMethodOfASuperclassRunsTheSubclasssOverrideOnce() {
        apps.create("consumer").register(new Decorated()).startInBackground();

        FeedbackLane lane = apps.create("producer").send("greetings", Map.of("name", "Ada"));

        assertThat(lane.read(WAIT)).isEqualTo("[Hello, Ada]");
        assertThatThrownBy(() -> lane.read(WAIT)).as("one listener, one reply").isInstanceOf(StreamEndedException.class);
    }

    @Test
    void aMissingPrimitiveInputFailsTheMessageWithAClearError() {
        apps.create("consumer").register(new Handlers()).startInBackground();

        FeedbackLane lane = apps.create("producer").send("inputs", Map.of("arg1", "a"));

        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOf(FeedbackException.class)
                .hasMessageContaining("@Input(\"arg2\") of Handlers.inputs is missing");
    }

    @Test
    void registeringAnObjectWithABadParameterFailsAtOnce() {
        Object bad = new Object() {
            @Listen(topic = "t")
            void handle(String notAnnotated) {
            }
        };

        assertThatThrownBy(() -> apps.create("consumer").register(bad)).isInstanceOf(StreambackException.class)
                .hasMessageContaining("parameter 'notAnnotated'").hasMessageContaining("@Input");
        assertThatThrownBy(() -> apps.create("consumer2").register(new Object()))
                .isInstanceOf(StreambackException.class).hasMessageContaining("no method annotated @Listen");
    }

    static final class Collector extends Listener {
        static final List<List<Object>> FLUSHED = Collections.synchronizedList(new ArrayList<>());
        private final List<Object> buffer = new ArrayList<>();

        @Override
        public void consume(Context context, Message message) {
            buffer.add(message.value());
        }

        @Override
        public void flush() {
            FLUSHED.add(List.copyOf(buffer));
        }
    }

    @Test
    void classBasedListenersAreFlushedOnClose() {
        Streamback consumer = apps.create("consumer").listen("logs", Collector::new).startInBackground();
        Streamback producer = apps.create("producer");
        for (int i = 0; i < 3; i++) {
            FeedbackLane lane = producer.send("logs", "line " + i).from("consumer");
            assertThat(lane.stream(WAIT)).as("only the end marker").isEmpty();
        }

        consumer.close();

        assertThat(Collector.FLUSHED).contains(List.of("line 0", "line 1", "line 2"));
    }

    @Test
    void routersAddTheirListeners() {
        Router router = new Router();
        router.listen("routed", message -> message.respond("routed!"));
        apps.create("consumer").includeRouter(router).startInBackground();

        assertThat(apps.create("producer").send("routed", null).read(WAIT)).isEqualTo("routed!");
    }

    @Test
    void callbacksSeeEveryStepAndTheException() {
        List<String> events = new CopyOnWriteArrayList<>();
        Callback callback = new Callback() {
            @Override
            public void onConsumeBegin(Streamback s, ListenerInfo listener, Context context, Message message) {
                events.add("begin " + listener.topic());
            }

            @Override
            public void onConsumeEnd(Streamback s, ListenerInfo listener, Context context, Message message,
                    @Nullable Throwable exception) {
                events.add("end " + (exception == null ? "ok" : exception.getMessage()));
            }

            @Override
            public void onConsumeException(Streamback s, ListenerInfo listener, Context context, Message message,
                    Throwable exception) {
                events.add("exception " + exception.getClass().getSimpleName());
            }

            @Override
            public void onWorkerStart(Streamback s) {
                events.add("worker " + s.name());
            }
        };
        apps.create("consumer").addCallback(callback).listen("cb", message -> {
            if (message.value() == null) {
                throw new IllegalStateException("null!");
            }
        }).startInBackground();
        Streamback producer = apps.create("producer");

        assertThatThrownBy(() -> producer.send("cb", 1).from("consumer").read(WAIT))
                .as("a void listener sends only the end marker").isInstanceOf(StreamEndedException.class);
        assertThatThrownBy(() -> producer.send("cb", null).read(WAIT)).isInstanceOf(FeedbackException.class);

        assertThat(events).containsExactly("worker consumer", "begin cb", "end ok", "begin cb",
                "exception IllegalStateException", "end null!");
    }

    @Test
    void aHostileFeedbackTopicIsNeverWrittenToButTheMessageIsProcessed() {
        List<Object> received = new CopyOnWriteArrayList<>();
        apps.create("consumer").listen("hostile", message -> {
            received.add(message.value());
            message.respond("should not be written");
        }).startInBackground();
        io.streamback.internal.memory.MemoryMainStream.named(apps.memoryName())
                .send(new io.streamback.internal.spi.OutboundRecord("hostile", null,
                        "{\"value\": 1, \"event\": \"message\", \"feedback_topic\": \"user:1:session\"}".getBytes(
                                java.nio.charset.StandardCharsets.UTF_8)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly(1));
        FeedbackLane probe = apps.create("producer").send("hostile", 2);
        assertThat(probe.read(WAIT)).isEqualTo("should not be written");
        io.streamback.internal.memory.MemoryFeedbackStream feedback = io.streamback.internal.memory.MemoryFeedbackStream
                .named(apps.memoryName());
        assertThat(feedback.pop("user:1:session", Duration.ofMillis(50)).join()).isEmpty();
    }

    @Test
    void respondingWithoutAFeedbackStreamSaysHowToConfigureOne() {
        String mainOnly = "main=memory://" + apps.memoryName();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.track(Streamback.create("consumer", mainOnly));
        consumer.addCallback(new Callback() {
            @Override
            public void onConsumeException(Streamback s, ListenerInfo listener, Context context, Message message,
                    Throwable exception) {
                errors.add(exception);
            }
        }).listen("no_feedback", message -> message.respond("x")).startInBackground();
        Streamback producer = apps.track(Streamback.create("producer", mainOnly));

        FeedbackLane lane = producer.send("no_feedback", 1);

        assertThatThrownBy(lane::read).hasMessageContaining("add feedback=redis://host:port");
        await().atMost(WAIT).untilAsserted(() -> assertThat(errors).singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("no feedback stream configured")));
    }

    @Test
    void aClosedInstanceRefusesToSend() {
        Streamback producer = apps.create("producer");
        producer.close();

        assertThatThrownBy(() -> producer.send("t", 1)).isInstanceOf(StreambackClosedException.class)
                .hasMessageContaining("producer");
    }

    @Test
    void listenersCannotBeAddedOnceStarted() {
        Streamback consumer = apps.create("consumer").listen("a", message -> { }).startInBackground();

        assertThatThrownBy(() -> consumer.listen("b", message -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add listeners before start()");
    }

    @Test
    void aOneWaySendConfirmsItReachedTheStream() {
        assertThat(apps.create("producer").send("anywhere", 1).sent()).succeedsWithin(WAIT);
    }
}
