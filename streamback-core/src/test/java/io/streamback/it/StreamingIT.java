package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.TypeRef;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** A consumer app answering every message on {@code topic} with {@code count} replies "reply-0".."reply-(count-1)". */
    private String countingConsumer(String streams, String topic, int count) {
        Streamback consumer = closer.add(Streamback.create(unique("streaming_consumer"), streams))
                .listen(topic, message -> {
                    for (int i = 0; i < count; i++) {
                        message.respond("reply-" + i);
                    }
                });
        consumer.startInBackground();
        return consumer.group();
    }

    private Streamback producer(String streams) {
        return closer.add(Streamback.builder(unique("streaming_producer")).streams(streams)
                .feedbackTimeout(REPLY_TIMEOUT).build());
    }

    @Test
    void streamYieldsEveryReplyInOrderThenEnds(@Streams String streams) {
        String topic = unique("streaming");
        countingConsumer(streams, topic, 5);
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of("something", "Hello world!"));
        List<Object> replies = new ArrayList<>();
        for (Object reply : lane.stream()) {
            replies.add(reply);
        }

        assertThat(replies).containsExactly("reply-0", "reply-1", "reply-2", "reply-3", "reply-4");
        assertThat(lane.isEnded()).isTrue();
        assertThatThrownBy(() -> lane.read()).isInstanceOf(StreamEndedException.class);
        assertThat(lane.stream()).isEmpty();
    }

    /** Replies are held briefly to travel with the end marker; one given while the listener goes on must not wait for it. */
    @Test
    void replyReachesTheCallerWhileTheListenerStillRuns(@Streams String streams) throws Exception {
        String topic = unique("streaming_running");
        CountDownLatch replyRead = new CountDownLatch(1);
        Streamback consumer = closer.add(Streamback.create(unique("streaming_consumer"), streams))
                .listen(topic, message -> {
                    message.respond("first");
                    if (!replyRead.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the caller never got the first reply");
                    }
                    message.respond("second");
                });
        consumer.startInBackground();
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of("something", "Hello world!"));

        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("first");
        replyRead.countDown();
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("second");
        assertThat(lane.stream()).isEmpty();
        assertThat(lane.isEnded()).isTrue();
    }

    @Test
    void successiveReadsYieldEveryReplyThenStreamEnded(@Streams String streams) {
        String topic = unique("streaming_reads");
        countingConsumer(streams, topic, 3);
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of("something", "Hello world!"));

        assertThat(lane.read()).isEqualTo("reply-0");
        assertThat(lane.read()).isEqualTo("reply-1");
        assertThat(lane.isEnded()).isFalse();
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("reply-2");
        assertThatThrownBy(() -> lane.read()).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
        long started = System.nanoTime();
        assertThatThrownBy(() -> lane.read()).as("a read after the end marker").isInstanceOf(StreamEndedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void listenerWithoutRepliesEndsItsGroupsStreamAtOnceAndAPlainStreamAfterItsTimeout(@Streams String streams) {
        String topic = unique("streaming_none");
        String group = countingConsumer(streams, topic, 0);
        Streamback producer = producer(streams);
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        FeedbackLane lane = producer.send(topic, Map.of());
        assertThatThrownBy(() -> lane.from(group).read()).isInstanceOfSatisfying(StreamEndedException.class,
                e -> assertThat(e).hasMessageContaining("consumer group " + group + " ended without replying"));
        assertThat(lane.from(group).isEnded()).isTrue();

        FeedbackLane plain = producer.send(topic, Map.of());
        await().atMost(REPLY_TIMEOUT).until(() -> redis.sync().llen(plain.feedbackTopic()) == 1);
        assertThat(plain.replies(Duration.ofMillis(500)).toList())
                .as("another group may still reply: the stream waits its idle timeout, then ends").isEmpty();
        assertThat(plain.endedBy()).isEqualTo(group);
    }

    @Test
    void anotherInstanceContinuesTheStream(@Streams String streams) {
        String topic = unique("streaming_continue");
        countingConsumer(streams, topic, 4);
        Streamback producerA = producer(streams);
        Streamback readerB = producer(streams);

        FeedbackLane laneA = producerA.send(topic, Map.of("something", "Hello world!"));
        assertThat(laneA.read()).isEqualTo("reply-0");

        FeedbackLane laneB = readerB.continueStream(laneA.feedbackTopic());
        assertThat(laneB.feedbackTopic()).isEqualTo(laneA.feedbackTopic());
        List<Object> rest = new ArrayList<>();
        laneB.stream(REPLY_TIMEOUT).forEach(rest::add);

        assertThat(rest).containsExactly("reply-1", "reply-2", "reply-3");
        assertThat(laneB.isEnded()).isTrue();
    }

    record Reply(String text) {
    }

    @Test
    void typedStreamsMapEveryReplyAndComposeAsAStream(@Streams String streams) {
        String topic = unique("streaming_typed");
        closer.add(Streamback.create(unique("typed_consumer"), streams))
                .listen(topic, message -> {
                    for (int i = 0; i < 5; i++) {
                        message.respond(Map.of("text", "reply-" + i));
                    }
                    message.respond(List.of(Map.of("text", "a"), Map.of("text", "b")));
                })
                .startInBackground();
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of());
        List<String> firstTwo = lane.replies(Reply.class).limit(2).map(Reply::text).toList();
        List<Reply> next = new ArrayList<>();
        for (Reply reply : lane.stream(Reply.class)) {
            next.add(reply);
            if (next.size() == 3) {
                break;
            }
        }
        List<Reply> list = lane.read(new TypeRef<List<Reply>>() { });

        assertThat(firstTwo).containsExactly("reply-0", "reply-1");
        assertThat(next).extracting(Reply::text).containsExactly("reply-2", "reply-3", "reply-4");
        assertThat(list).containsExactly(new Reply("a"), new Reply("b"));
        assertThat(lane.replies(new TypeRef<List<Reply>>() { }, REPLY_TIMEOUT)).isEmpty();
        assertThat(lane.isEnded()).isTrue();
    }
}
