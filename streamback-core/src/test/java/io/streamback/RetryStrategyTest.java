package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.internal.memory.MemoryFeedbackStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RetryStrategy} itself, and retries as the runtime applies them on the in-memory transport. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryStrategyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    /** Nothing more on the lane's list once its end marker was read: exactly one end marker was written. */
    private void assertNothingAfterTheEnd(FeedbackLane lane) throws Exception {
        Optional<String> more = MemoryFeedbackStream.named(apps.memoryName())
                .pop(lane.feedbackTopic(), Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
        assertThat(more).as("entries after the end marker").isEmpty();
    }

    // ---- the value itself

    @Test
    void timesKeepsEveryOtherSettingAtItsDefault() {
        RetryStrategy retry = RetryStrategy.times(3);

        assertThat(retry.times()).isEqualTo(3);
        assertThat(retry.interval()).isEqualTo(RetryStrategy.DEFAULT_INTERVAL).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.deadLetterTopic()).isNull();
        assertThat(retry.retries(new IllegalStateException())).isTrue();
        assertThat(retry.retries(new IOException())).isTrue();
        assertThat(RetryStrategy.none().times()).isZero();
    }

    @Test
    void everySetterReturnsANewStrategyAndKeepsTheOthers() {
        RetryStrategy base = RetryStrategy.times(2);
        RetryStrategy slow = base.interval(Duration.ofMillis(250));
        RetryStrategy onIo = slow.on(IOException.class);
        RetryStrategy dead = onIo.deadLetterTopic("dlt");

        assertThat(base.interval()).isEqualTo(RetryStrategy.DEFAULT_INTERVAL);
        assertThat(slow.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(slow.retries(new IllegalStateException())).isTrue();
        assertThat(onIo.deadLetterTopic()).isNull();
        assertThat(dead.times()).isEqualTo(2);
        assertThat(dead.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(dead.deadLetterTopic()).isEqualTo("dlt");
        assertThat(dead.retries(new IOException())).isTrue();
        assertThat(dead.retries(new IllegalStateException())).isFalse();
        assertThat(dead.toString()).contains("times=2", "PT0.25S", "IOException", "deadLetterTopic=dlt");
    }

    @Test
    void onMatchesSubtypesOnly() {
        RetryStrategy retry = RetryStrategy.times(1).on(IOException.class, IllegalArgumentException.class);

        assertThat(retry.retries(new java.io.FileNotFoundException())).isTrue();
        assertThat(retry.retries(new NumberFormatException())).isTrue();
        assertThat(retry.retries(new UncheckedIOException(new IOException()))).isFalse();
        assertThat(retry.retries(new RuntimeException())).isFalse();
    }

    @Test
    void theWaitIsFixedByDefaultAndGrowsWithBackoffUpToItsCap() {
        RetryStrategy fixed = RetryStrategy.times(5).interval(Duration.ofSeconds(1));
        assertThat(List.of(1, 2, 3, 4).stream().map(fixed::delayBefore).toList())
                .containsOnly(Duration.ofSeconds(1));
        RetryStrategy growing = fixed.backoff(2, Duration.ofSeconds(5));
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(retry -> growing.delayBefore(retry, 0)).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(growing.toString()).contains("backoff=2.0x up to PT5S");
    }

    @Test
    void jitterTakesARandomShareOffEachWaitAndNeverAddsToIt() {
        RetryStrategy jittered = RetryStrategy.times(3).interval(Duration.ofSeconds(10)).jitter(0.5);
        assertThat(jittered.delayBefore(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(jittered.delayBefore(1, 0.5)).isEqualTo(Duration.ofMillis(7_500));
        assertThat(jittered.delayBefore(1, 0.999_999)).isGreaterThan(Duration.ofMillis(4_999));
        for (int i = 0; i < 1_000; i++) {
            assertThat(jittered.delayBefore(2)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    @Test
    void badBackoffAndJitterAreRefused() {
        assertThatThrownBy(() -> RetryStrategy.times(1).backoff(0.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0.5");
        assertThatThrownBy(() -> RetryStrategy.times(1).backoff(Double.NaN, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryStrategy.times(1).jitter(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1, got 1.5");
        assertThatThrownBy(() -> RetryStrategy.times(1).delayBefore(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbered from 1");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> RetryStrategy.times(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RetryStrategy.times must not be negative, got -1");
        assertThatThrownBy(() -> RetryStrategy.times(1).interval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must not be negative");
        assertThatThrownBy(() -> RetryStrategy.times(1).interval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("interval");
        assertThatThrownBy(() -> RetryStrategy.times(1).deadLetterTopic(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("topic");
        assertThat(RetryStrategy.times(1).interval(Duration.ZERO).interval()).isZero();
    }

    // ---- on the runtime, in memory

    @Test
    void aListenerFailingTwiceThenSucceedingIsAnsweredNormally() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> exceptions = new CopyOnWriteArrayList<>();
        List<@Nullable Throwable> ends = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.create("consumer");
        consumer.addCallback(new Callback() {
            @Override
            public void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
                    Message message, Throwable exception) {
                exceptions.add(exception);
            }

            @Override
            public void onConsumeEnd(Streamback streamback, ListenerInfo listener, Context context, Message message,
                    @Nullable Throwable exception) {
                ends.add(exception);
            }
        });
        consumer.listen("flaky", RetryStrategy.times(3).interval(Duration.ofMillis(50)), message -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("flaky " + calls.get());
            }
            message.respond("ok after " + calls.get());
        }).startInBackground();

        FeedbackLane lane = apps.create("producer").send("flaky", Map.of("n", 1));

        assertThat(lane.read(WAIT)).isEqualTo("ok after 3");
        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
        assertNothingAfterTheEnd(lane);
        assertThat(calls).hasValue(3);
        assertThat(exceptions).as("onConsumeException only for a final failure").isEmpty();
        assertThat(ends).hasSize(3);
        assertThat(ends.get(2)).isNull();
        await().atMost(WAIT).untilAsserted(() -> {
            WorkerGroupSnapshot pool = consumer.snapshot().groups().get(0);
            assertThat(pool.processed()).isEqualTo(1);
            assertThat(pool.failed()).isZero();
        });
    }

    @Test
    void retriesWaitTheInterval() {
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        apps.create("consumer").listen("slow_retry", RetryStrategy.times(2).interval(Duration.ofMillis(200)),
                message -> {
                    callTimes.add(System.nanoTime());
                    if (callTimes.size() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                    message.respond("done");
                }).startInBackground();

        FeedbackLane lane = apps.create("producer").send("slow_retry", "x");

        assertThat(lane.read(WAIT)).isEqualTo("done");
        assertThat(callTimes).hasSize(3);
        assertThat(Duration.ofNanos(callTimes.get(1) - callTimes.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(Duration.ofNanos(callTimes.get(2) - callTimes.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void onlyTheChosenExceptionsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> exceptions = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.create("consumer");
        consumer.addCallback(new Callback() {
            @Override
            public void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
                    Message message, Throwable exception) {
                exceptions.add(exception);
            }
        });
        consumer.listen("io_only", RetryStrategy.times(3).interval(Duration.ofMillis(10)).on(IOException.class),
                message -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("not an I/O problem");
                }).startInBackground();

        FeedbackLane lane = apps.create("producer").send("io_only", "x");

        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOfSatisfying(FeedbackException.class,
                e -> assertThat(e.remoteError()).isEqualTo("IllegalStateException('not an I/O problem')"));
        assertThat(calls).hasValue(1);
        assertThat(exceptions).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void chosenExceptionsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        apps.create("consumer").listen("io_retried",
                RetryStrategy.times(3).interval(Duration.ofMillis(10)).on(IOException.class), (context, message) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IOException("disk hiccup");
                    }
                    message.respond("fine");
                }).startInBackground();

        FeedbackLane lane = apps.create("producer").send("io_retried", "x");

        assertThat(lane.read(WAIT)).isEqualTo("fine");
        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOf(StreamEndedException.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void afterTheLastFailureTheCallbackRunsOnceAndTheSenderGetsTheError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> exceptions = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.create("consumer");
        consumer.addCallback(new Callback() {
            @Override
            public void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
                    Message message, Throwable exception) {
                exceptions.add(listener.topic() + ":" + exception.getMessage());
            }
        });
        consumer.listen("always_fails", RetryStrategy.times(2).interval(Duration.ofMillis(20)), message -> {
            throw new IllegalStateException("try " + calls.incrementAndGet());
        }).startInBackground();

        FeedbackLane lane = apps.create("producer").send("always_fails", "x");

        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOfSatisfying(FeedbackException.class, e -> {
            assertThat(e.remoteError()).isEqualTo("IllegalStateException('try 3')");
            assertThat(e.sourceGroup()).isEqualTo("consumer");
        });
        assertThat(lane.isEnded()).isTrue();
        assertNothingAfterTheEnd(lane);
        assertThat(calls).hasValue(3);
        assertThat(exceptions).containsExactly("always_fails:try 3");
        await().atMost(WAIT).untilAsserted(() -> {
            WorkerGroupSnapshot pool = consumer.snapshot().groups().get(0);
            assertThat(pool.processed()).isEqualTo(1);
            assertThat(pool.failed()).isEqualTo(1);
        });
    }

    @Test
    void aFailedMessageDoesNotStopTheNextOne() {
        apps.create("consumer").listen("next_one", RetryStrategy.times(1).interval(Duration.ofMillis(10)), message -> {
            if ("bad".equals(message.value())) {
                throw new IllegalArgumentException("bad");
            }
            message.respond("good");
        }).startInBackground();
        Streamback producer = apps.create("producer");

        FeedbackLane bad = producer.send("next_one", "bad");
        FeedbackLane good = producer.send("next_one", "good");

        assertThatThrownBy(() -> bad.read(WAIT)).isInstanceOf(FeedbackException.class);
        assertThat(good.read(WAIT)).isEqualTo("good");
        assertThatThrownBy(() -> good.read(WAIT)).isInstanceOf(StreamEndedException.class);
    }

    @Test
    void eachListenerRetriesByItsOwnStrategy() throws Exception {
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger plain = new AtomicInteger();
        apps.create("consumer")
                .listen("two_listeners", RetryStrategy.times(2).interval(Duration.ofMillis(10)), message -> {
                    if (retried.incrementAndGet() < 3) {
                        throw new IllegalStateException("retried fails");
                    }
                    message.respond("retried ok");
                })
                .listen("two_listeners", message -> {
                    plain.incrementAndGet();
                    message.respond("plain ok");
                })
                .startInBackground();

        FeedbackLane lane = apps.create("producer").send("two_listeners", "x");

        assertThat(lane.read(WAIT)).isEqualTo("retried ok");
        assertThat(lane.read(WAIT)).isEqualTo("plain ok");
        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOf(StreamEndedException.class);
        assertNothingAfterTheEnd(lane);
        assertThat(retried).hasValue(3);
        assertThat(plain).as("a retry of one listener does not run the others again").hasValue(1);
    }

    @Test
    void onlyTopicsRunsOnlyTheChosenListeners() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Streamback consumer = apps.build(Streamback.builder("consumer").onlyTopics("chosen", "also"));
        consumer.listen("chosen", message -> {
            seen.add("chosen");
            message.respond("chosen ok");
        }).listen("ignored", message -> {
            seen.add("ignored");
            message.respond("ignored ok");
        }).listen("also", Concurrency.of(2), message -> {
            seen.add("also");
            message.respond("also ok");
        }).startInBackground();
        Streamback producer = apps.create("producer");

        FeedbackLane ignored = producer.send("ignored", "x");
        FeedbackLane chosen = producer.send("chosen", "x");
        FeedbackLane also = producer.send("also", "x");

        assertThat(chosen.read(WAIT)).isEqualTo("chosen ok");
        assertThat(also.read(WAIT)).isEqualTo("also ok");
        assertThatThrownBy(() -> ignored.read(Duration.ofMillis(500))).isInstanceOf(FeedbackTimeoutException.class);
        assertThat(seen).containsExactlyInAnyOrder("chosen", "also");
        assertThat(consumer.snapshot().groups()).flatExtracting(WorkerGroupSnapshot::topics)
                .containsExactlyInAnyOrder("chosen", "also");
    }
}
