package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteErrorIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void listenerExceptionBecomesFeedbackException(@Streams String streams) {
        String topic = unique("remote_error");
        Streamback consumer = closer.add(Streamback.create(unique("remote_error_consumer"), streams));
        consumer.listen(topic, message -> {
            throw new IllegalStateException("boom");
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("remote_error_producer"), streams));

        FeedbackLane lane = producer.send(topic, Map.of("x", 1));

        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT))
                .isInstanceOfSatisfying(FeedbackException.class, e -> {
                    assertThat(e.remoteError()).isEqualTo("IllegalStateException('boom')");
                    assertThat(e.sourceGroup()).isEqualTo(consumer.name());
                    assertThat(e.getMessage()).contains("IllegalStateException('boom')");
                });
        assertThat(lane.isEnded()).isTrue();
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
    }

    @Test
    void repliesBeforeTheFailureArriveFirst(@Streams String streams) {
        String topic = unique("remote_error_late");
        closer.add(Streamback.create(unique("remote_error_consumer"), streams))
                .listen(topic, message -> {
                    message.respond("partial");
                    throw new IllegalStateException("boom");
                }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("remote_error_producer"), streams));

        FeedbackLane lane = producer.send(topic, Map.of());

        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("partial");
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT))
                .isInstanceOfSatisfying(FeedbackException.class,
                        e -> assertThat(e.remoteError()).isEqualTo("IllegalStateException('boom')"));
    }

    @Test
    void twoFailingListenersAreJoined(@Streams String streams) {
        String topic = unique("remote_error_two");
        closer.add(Streamback.create(unique("remote_error_consumer"), streams))
                .listen(topic, message -> {
                    throw new IllegalStateException("boom");
                })
                .listen(topic, (context, message) -> {
                    throw new IllegalArgumentException("bad input");
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("remote_error_producer"), streams));

        FeedbackLane lane = producer.send(topic, Map.of());

        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT))
                .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.remoteError())
                        .isEqualTo("IllegalStateException('boom'), IllegalArgumentException('bad input')"));
    }

    @Test
    void oneFailingListenerOfTwoStillFailsTheMessage(@Streams String streams) {
        String topic = unique("remote_error_mixed");
        closer.add(Streamback.create(unique("remote_error_consumer"), streams))
                .listen(topic, message -> message.respond("fine"))
                .listen(topic, message -> {
                    throw new IllegalStateException("boom");
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("remote_error_producer"), streams));

        FeedbackLane lane = producer.send(topic, Map.of());

        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("fine");
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).isInstanceOf(FeedbackException.class)
                .hasMessageContaining("IllegalStateException('boom')");
    }
}
