package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private void countingConsumer(String streams, String topic, int count) {
        closer.add(Streamback.create(unique("streaming_consumer"), streams))
                .listen(topic, message -> {
                    for (int i = 0; i < count; i++) {
                        message.respond("reply-" + i);
                    }
                })
                .startInBackground();
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
        assertThat(lane.read()).isNull();
        assertThat(lane.stream()).isEmpty();
    }

    @Test
    void successiveReadsYieldEveryReplyThenNull(@Streams String streams) {
        String topic = unique("streaming_reads");
        countingConsumer(streams, topic, 3);
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of("something", "Hello world!"));

        assertThat(lane.read()).isEqualTo("reply-0");
        assertThat(lane.read()).isEqualTo("reply-1");
        assertThat(lane.isEnded()).isFalse();
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("reply-2");
        assertThat(lane.read()).isNull();
        assertThat(lane.isEnded()).isTrue();
        long started = System.nanoTime();
        assertThat(lane.read()).as("a read after the end marker").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void listenerWithoutRepliesEndsTheStreamAtOnce(@Streams String streams) {
        String topic = unique("streaming_none");
        countingConsumer(streams, topic, 0);
        Streamback producer = producer(streams);

        FeedbackLane lane = producer.send(topic, Map.of());

        assertThat(lane.read()).isNull();
        assertThat(lane.isEnded()).isTrue();
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
}
