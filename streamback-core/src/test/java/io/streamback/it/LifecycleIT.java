package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.StreambackClosedException;
import io.streamback.StreambackException;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** What users see around start, close and retries. */
@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void aTimedOutReadCanBeRetriedAndGetsTheLateReply(@Streams String streams) {
        String topic = unique("late_reply");
        Streamback producer = closer.add(Streamback.create(unique("late_producer"), streams));
        FeedbackLane lane = producer.send(topic, "are you there?");

        assertThatThrownBy(() -> lane.read(Duration.ofMillis(500))).isInstanceOf(FeedbackTimeoutException.class);
        closer.add(Streamback.create(unique("late_consumer"), streams))
                .listen(topic, message -> message.respond("sorry, late"))
                .startInBackground();

        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("sorry, late");
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
    }

    @Test
    void aReadWaitingWhenTheInstanceClosesFailsPromptly(@Streams String streams) {
        Streamback producer = Streamback.create(unique("closing_producer"), streams);
        FeedbackLane lane = producer.send(unique("closing_nobody"), "hello?");
        CompletableFuture<Object> waiting = lane.readAsync(Duration.ofSeconds(50));

        producer.close();

        assertThat(waiting).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().isInstanceOf(RuntimeException.class);
    }

    @Test
    void aReadAfterCloseFailsInsteadOfHanging(@Streams String streams) {
        Streamback producer = Streamback.create(unique("closed_producer"), streams);
        FeedbackLane lane = producer.send(unique("closed_nobody"), "hello?");
        producer.close();

        CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> lane.read(Duration.ofSeconds(2)));

        assertThat(read).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().havingCause().isInstanceOf(StreambackException.class);
        assertThat(lane.readAsync(Duration.ofSeconds(2))).failsWithin(Duration.ofSeconds(10));
        assertThatThrownBy(() -> producer.continueStream(lane.feedbackTopic()))
                .isInstanceOf(StreambackClosedException.class);
    }

    @Test
    void aClosedInstanceRefusesWorkAndClosingTwiceIsFine(@Streams String streams) {
        Streamback app = Streamback.create(unique("closed_app"), streams);
        app.close();
        app.close();

        assertThatThrownBy(() -> app.send("t", "x")).isInstanceOf(StreambackClosedException.class)
                .hasMessageContaining(app.name());
        assertThatThrownBy(app::startInBackground).isInstanceOf(StreambackClosedException.class);
    }

    @Test
    void closeLetsTheListenerFinishTheMessageInHandAndCommits(@Streams String streams) throws Exception {
        String topic = unique("finish_in_hand");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Streamback consumer = Streamback.create(unique("finish_consumer"), streams);
        consumer.listen(topic, message -> {
            started.countDown();
            if (release.await(30, TimeUnit.SECONDS)) {
                message.respond("finished");
            }
        }).startInBackground();
        closer.add(consumer);
        closer.add(release::countDown);
        Streamback producer = closer.add(Streamback.create(unique("finish_producer"), streams));
        Admin admin = closer.add(ItSupport.admin());

        FeedbackLane lane = producer.send(topic, "work");
        assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(consumer::close);
        assertThat(closing).isNotDone();
        release.countDown();

        assertThat(closing).succeedsWithin(PATIENCE);
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("finished");
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(ItSupport.committedOffset(admin, consumer.group(), topic)).isEqualTo(1));
    }

    @Test
    void aRestartedConsumerGroupDoesNotSeeCommittedMessagesAgain(@Streams String streams) {
        String topic = unique("restart");
        String app = unique("restart_consumer");
        Streamback producer = closer.add(Streamback.create(unique("restart_producer"), streams));
        try (Streamback first = Streamback.create(app, streams)) {
            first.listen(topic, message -> message.respond("first saw " + message.value())).startInBackground();
            assertThat(producer.send(topic, "one").read(REPLY_TIMEOUT)).isEqualTo("first saw one");
        }

        Streamback second = closer.add(Streamback.create(app, streams));
        second.listen(topic, message -> message.respond("second saw " + message.value())).startInBackground();

        FeedbackLane lane = producer.send(topic, "two");
        assertThat(lane.read(REPLY_TIMEOUT)).isEqualTo("second saw two");
    }
}
