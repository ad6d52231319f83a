package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void readReturnsTheReply(@Streams String streams) {
        String topic = unique("rpc");
        closer.add(Streamback.create(unique("rpc_consumer"), streams))
                .listen(topic, message -> message.respond("Hello from the consumer!"))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("rpc_producer"), streams));

        Object reply = producer.send(topic, Map.of("something", "Hello world!")).read(REPLY_TIMEOUT);

        assertThat(reply).isEqualTo("Hello from the consumer!");
    }

    /**
     * The first read of a new key waits for Redis to notify a push instead of looking at the list;
     * a read started after the reply (and its notification) came must still find it at once,
     * well within the once-a-second sweep.
     */
    @Test
    void aReadStartedAfterTheReplyCameFindsItAtOnce(@Streams String streams) throws Exception {
        String topic = unique("rpc_late");
        closer.add(Streamback.create(unique("rpc_consumer"), streams))
                .listen(topic, message -> message.respond("already there"))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("rpc_producer"), streams));
        assertThat(producer.send(topic, "first").read(REPLY_TIMEOUT)).isEqualTo("already there"); // notifications flow

        FeedbackLane lane = producer.send(topic, Map.of("something", "Hello world!"));
        try (ItSupport.RawRedis redis = closer.add(ItSupport.redis())) {
            await().atMost(REPLY_TIMEOUT).until(() -> redis.sync().llen(lane.feedbackTopic()) == 2); // reply + end marker
        }

        assertThat(lane.read(Duration.ofMillis(900))).isEqualTo("already there");
    }

    @Test
    void jsonValuesSurviveTheRoundTrip(@Streams String streams) {
        String topic = unique("rpc_types");
        List<Object> seenByConsumer = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("rpc_consumer"), streams))
                .listen(topic, message -> {
                    seenByConsumer.add(message.value());
                    message.respond(message.value());
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("rpc_producer"), streams));
        BigInteger big = new BigInteger("12345678901234567890");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "caf\u00e9 \u2603 \"quoted\"");
        value.put("big", big);
        value.put("long", 9_007_199_254_740_993L);
        value.put("double", 1.5);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", List.of(1, "two", Map.of("three", 3)));
        value.put("nested", Map.of("a", Map.of("b", List.of(Map.of("c", "deep")))));
        value.put("empty", Map.of());

        Object reply = producer.send(topic, value).read(REPLY_TIMEOUT);

        assertThat(reply).isEqualTo(value);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) reply;
        assertThat(map.get("big")).isInstanceOf(BigInteger.class).isEqualTo(big);
        assertThat(((Map<?, ?>) seenByConsumer.get(0)).get("big")).isInstanceOf(BigInteger.class).isEqualTo(big);
    }

    @Test
    void scalarAndNullRepliesAreReplies(@Streams String streams) {
        String topic = unique("rpc_scalars");
        closer.add(Streamback.create(unique("rpc_consumer"), streams))
                .listen(topic, message -> {
                    message.respond(null);
                    message.respond(42);
                    message.respond(Arrays.asList("x", null));
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("rpc_producer"), streams));

        var lane = producer.send(topic, null);

        assertThat(lane.read(REPLY_TIMEOUT)).isNull();
        assertThat(lane.isEnded()).as("a null reply is not the end marker").isFalse();
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo(42);
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo(Arrays.asList("x", null));
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
    }

    @Test
    void nobodyListeningTimesOut(@Streams String streams) {
        Streamback producer = closer.add(Streamback.create(unique("rpc_producer"), streams));
        var lane = producer.send(unique("rpc_nobody"), Map.of("anyone", "there?"));
        Duration timeout = Duration.ofMillis(1500);

        long started = System.nanoTime();
        assertThatThrownBy(() -> lane.read(timeout))
                .isInstanceOfSatisfying(FeedbackTimeoutException.class, e -> {
                    assertThat(e.timeout()).isEqualTo(timeout);
                    assertThat(e.feedbackTopic()).isEqualTo(lane.feedbackTopic());
                });
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(5));
        assertThat(lane.isEnded()).isFalse();
    }
}
