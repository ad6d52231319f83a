package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.Callback;
import io.streamback.Context;
import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.Input;
import io.streamback.Listen;
import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.Router;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerStylesIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** Listeners declared with annotations; the topics prefix of each test keeps their fixed topic names apart. */
    static final class Handlers {
        final List<String> silentCalls = new CopyOnWriteArrayList<>();

        @Listen(topic = "test_input")
        String testInput(@Input("arg1") String arg1, @Input("arg2") int arg2) {
            return arg1 + " x" + (arg2 * 2);
        }

        @Listen(topic = "test_silent")
        void silent(Context context, Message message, @Input("arg1") String arg1) {
            silentCalls.add(context.group() + "/" + message.topic() + "/" + arg1);
        }
    }

    /** A class-based listener with per-worker state, written out on flush(). */
    static final class Buffering extends Listener {
        private final List<List<Object>> flushed;
        private final List<Object> buffer = new ArrayList<>();

        Buffering(List<List<Object>> flushed) {
            this.flushed = flushed;
        }

        @Override
        public void consume(Context context, Message message) {
            buffer.add(message.value());
            message.respond(buffer.size());
        }

        @Override
        public void flush() {
            flushed.add(List.copyOf(buffer));
            buffer.clear();
        }
    }

    @Test
    void inputsAreInjectedAndReturnValueIsTheReply(@Streams String streams) {
        String prefixed = streams + "&topics_prefix=" + unique("inject");
        Handlers handlers = new Handlers();
        Streamback consumer = closer.add(Streamback.create(unique("inject_consumer"), prefixed));
        consumer.register(handlers).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("inject_producer"), prefixed));

        assertThat(producer.send("test_input", Map.of("arg1", "a", "arg2", 21)).from(consumer.name())
                .read(String.class, REPLY_TIMEOUT)).isEqualTo("a x42");
        assertThat(producer.send("test_input", Map.of("arg1", "b", "arg2", "5")).read(REPLY_TIMEOUT))
                .as("a numeric string converts to int").isEqualTo("b x10");

        FeedbackLane silent = producer.send("test_silent", Map.of("arg1", "quiet"));
        assertThatThrownBy(() -> silent.from(consumer.name()).read(REPLY_TIMEOUT))
                .as("a void listener sends only the end marker").isInstanceOf(StreamEndedException.class);
        assertThat(silent.from(consumer.name()).isEnded()).isTrue();
        assertThat(handlers.silentCalls).containsExactly(consumer.group() + "/test_silent/quiet");

        FeedbackLane missing = producer.send("test_input", Map.of("arg1", "no arg2"));
        assertThatThrownBy(() -> missing.read(REPLY_TIMEOUT)).isInstanceOf(FeedbackException.class)
                .hasMessageContaining("arg2");
    }

    @Test
    void classBasedListenerKeepsStateAndIsFlushedOnClose(@Streams String streams) {
        String topic = unique("class_based");
        List<List<Object>> flushed = new CopyOnWriteArrayList<>();
        Streamback consumer = closer.add(Streamback.create(unique("class_consumer"), streams));
        consumer.listen(topic, () -> new Buffering(flushed)).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("class_producer"), streams));

        List<Object> replies = new ArrayList<>();
        for (String log : List.of("first", "second", "third")) {
            replies.add(producer.send(topic, log).read(REPLY_TIMEOUT));
        }
        assertThat(replies).containsExactly(1, 2, 3);
        assertThat(flushed).isEmpty();

        consumer.close();

        assertThat(flushed).containsExactly(List.of("first", "second", "third"));
    }

    @Test
    void routerListenersAreIncluded(@Streams String streams) {
        String topic = unique("routed");
        String prefix = unique("routed_prefix");
        Router inner = new Router().register(new Handlers());
        Router router = new Router()
                .listen(topic, message -> message.respond("routed " + message.value()))
                .include(inner);
        Streamback consumer = closer.add(Streamback.create(unique("router_consumer"),
                streams + "&topics_prefix=" + prefix));
        consumer.includeRouter(router).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("router_producer"),
                streams + "&topics_prefix=" + prefix));

        assertThat(producer.send(topic, "hello").read(REPLY_TIMEOUT)).isEqualTo("routed hello");
        assertThat(producer.send("test_input", Map.of("arg1", "r", "arg2", 1)).read(REPLY_TIMEOUT))
                .isEqualTo("r x2");
    }

    @Test
    void callbacksSeeEveryStepAndTheException(@Streams String streams) {
        String topic = unique("callbacks");
        AtomicReference<Exception> thrown = new AtomicReference<>();
        List<String> events = new CopyOnWriteArrayList<>();
        List<Throwable> exceptions = new CopyOnWriteArrayList<>();
        List<Throwable> endExceptions = new CopyOnWriteArrayList<>();
        AtomicInteger workerStarts = new AtomicInteger();
        AtomicReference<String> workerThread = new AtomicReference<>();
        AtomicReference<Streamback> startedFor = new AtomicReference<>();
        Streamback consumer = closer.add(Streamback.create(unique("callbacks_consumer"), streams));
        consumer.listen(topic, message -> {
            if ("fail".equals(message.value())) {
                IllegalStateException boom = new IllegalStateException("boom");
                thrown.set(boom);
                throw boom;
            }
            message.respond("done");
        });
        consumer.addCallback(new Callback() {
            @Override
            public void onConsumeBegin(Streamback streamback, ListenerInfo listener, Context context, Message message) {
                throw new IllegalStateException("a broken callback must not stop the others");
            }
        }).addCallback(new Callback() {
            @Override
            public void onWorkerStart(Streamback streamback) {
                startedFor.set(streamback);
                workerStarts.incrementAndGet();
                workerThread.set(Thread.currentThread().getName());
            }

            @Override
            public void onConsumeBegin(Streamback streamback, ListenerInfo listener, Context context, Message message) {
                events.add("begin " + listener.topic() + " " + message.value());
            }

            @Override
            public void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
                    Message message, Throwable exception) {
                exceptions.add(exception);
                events.add("exception " + message.value());
            }

            @Override
            public void onConsumeEnd(Streamback streamback, ListenerInfo listener, Context context, Message message,
                    Throwable exception) {
                endExceptions.add(exception == null ? new Throwable("none") : exception);
                events.add("end " + message.value());
            }
        });
        consumer.startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("callbacks_producer"), streams));

        assertThat(producer.send(topic, "ok").read(REPLY_TIMEOUT)).isEqualTo("done");
        FeedbackLane failing = producer.send(topic, "fail");
        assertThatThrownBy(() -> failing.read(REPLY_TIMEOUT)).isInstanceOf(FeedbackException.class);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(events).containsExactly(
                "begin " + topic + " ok", "end ok",
                "begin " + topic + " fail", "exception fail", "end fail"));
        assertThat(exceptions).singleElement().isSameAs(thrown.get());
        assertThat(endExceptions).hasSize(2);
        assertThat(endExceptions.get(0)).hasMessage("none");
        assertThat(endExceptions.get(1)).isSameAs(thrown.get());
        assertThat(workerStarts).hasValue(1);
        assertThat(startedFor.get()).isSameAs(consumer);
        assertThat(workerThread.get()).isNotEqualTo(Thread.currentThread().getName());
    }
}
