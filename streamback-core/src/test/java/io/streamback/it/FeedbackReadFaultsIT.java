package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import io.streamback.testkit.StreambackTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads survive killed connections and a Redis restart at full speed; a broken or flooded key
 * hurts only its own reader; a read its caller gives up leaves the next reply for the next read.
 * Every test runs in both read modes: keyspace notifications and one BRPOP ({@code ?reads=blocking}).
 */
@StreambackTest
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FeedbackReadFaultsIT {
    private static final int RPCS_AFTER_FAULT = 20;
    private static final int FLOOD = 200_000;
    private static final int SMALL_FLOOD = 10_000;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    static Stream<Arguments> modesAndFaults() {
        List<Arguments> all = new ArrayList<>();
        for (String mode : List.of("notifications", "blocking")) {
            for (String fault : List.of("CLIENT KILL TYPE normal", "CLIENT KILL ID of every streamback connection",
                    "Redis restart on the same port")) {
                all.add(Arguments.of(mode, fault));
            }
        }
        return all.stream();
    }

    private static String query(String mode) {
        return mode.equals("blocking") ? "?reads=blocking" : "";
    }

    @ParameterizedTest(name = "reads by {0}, {1}")
    @MethodSource("modesAndFaults")
    void readsAreAsFastAfterAFault(String mode, String fault) {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        String streams = redis.streams(query(mode));
        String topic = unique("read_faults");
        String consumerName = unique("read_faults_consumer");
        String producerName = unique("read_faults_producer");
        closer.add(Streamback.create(consumerName, streams)).listen(topic, m -> m.respond(m.value()))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(producerName, streams));
        for (int i = 0; i < 3; i++) {
            assertThat(producer.send(topic, i).read(Duration.ofSeconds(30))).isEqualTo(i);
        }
        List<Long> before = timedRpcs(producer, topic, 5);

        try (OwnedRedis.Raw raw = redis.raw()) {
            if (fault.startsWith("CLIENT KILL TYPE")) {
                long killed = raw.sync().clientKill(KillArgs.Builder.typeNormal());
                System.out.printf("FeedbackReadFaultsIT [%s, %s]: killed %d connections%n", mode, fault, killed);
            } else if (fault.startsWith("CLIENT KILL ID")) {
                List<Long> ids = new ArrayList<>(raw.clientIdsNamed("streamback:" + consumerName));
                ids.addAll(raw.clientIdsNamed("streamback:" + producerName));
                ids.forEach(id -> raw.sync().clientKill(KillArgs.Builder.id(id)));
                System.out.printf("FeedbackReadFaultsIT [%s, %s]: killed ids %s%n", mode, fault, ids);
            }
        }
        if (fault.startsWith("Redis restart")) {
            redis.restart();
        }

        long started = System.nanoTime();
        List<Long> after = timedRpcs(producer, topic, RPCS_AFTER_FAULT);
        long totalMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("FeedbackReadFaultsIT [%s, %s]: RPC ms before %s; after %s; %d RPCs after in %d ms%n",
                mode, fault, before, after, RPCS_AFTER_FAULT, totalMs);
        assertThat(totalMs).as("%d sequential RPCs after the fault (the BRPOP round is 1 s)", RPCS_AFTER_FAULT)
                .isLessThan(TimeUnit.SECONDS.toMillis(RPCS_AFTER_FAULT));
    }

    private static List<Long> timedRpcs(Streamback producer, String topic, int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            String value = "rpc-" + i;
            assertThat(producer.send(topic, value).read(Duration.ofSeconds(30))).isEqualTo(value);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return millis;
    }

    @Tag("long")
    @ParameterizedTest(name = "reads by {0}")
    @ValueSource(strings = {"notifications", "blocking"})
    void aBrokenOrFloodedKeyHurtsOnlyItsOwnReader(String mode) throws Exception {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        OwnedRedis.Raw raw = closer.add(redis.raw());
        String streams = redis.streams(query(mode));
        String topic = unique("healthy");
        String slowTopic = unique("wrong_type");
        CountDownLatch keyBroken = new CountDownLatch(1);
        Streamback consumer = closer.add(Streamback.create(unique("broken_keys_consumer"), streams));
        consumer.listen(topic, m -> m.respond(m.value()));
        consumer.listen(slowTopic, m -> {
            keyBroken.await(30, TimeUnit.SECONDS);
            m.respond("too late: the key is a string now");
        });
        consumer.startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("broken_keys_producer"), streams));
        assertThat(producer.send(topic, "warm-up").read(Duration.ofSeconds(30))).isEqualTo("warm-up");

        // a lane whose key becomes a string before its reply comes
        FeedbackLane wrongLane = producer.send(slowTopic, "x");
        wrongLane.sent().get(30, TimeUnit.SECONDS);
        raw.sync().set(wrongLane.feedbackTopic(), "not a list");
        raw.sync().expire(wrongLane.feedbackTopic(), 120);
        CompletableFuture<Object> wrongRead = wrongLane.readAsync(Duration.ofSeconds(30));
        keyBroken.countDown();

        // a key flooded with entries that are not feedback, then one real reply
        String floodKey = "streamback_feedback_" + UUID.randomUUID();
        String[] garbage = new String[10_000];
        for (int chunk = 0; chunk < FLOOD / garbage.length; chunk++) {
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = "garbage " + (chunk * garbage.length + i);
            }
            raw.sync().lpush(floodKey, garbage);
        }
        raw.sync().lpush(floodKey, "{\"value\": \"after the flood\", \"event\": \"response\", \"source_group\": \"g\"}");
        raw.sync().expire(floodKey, 300);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, logged), true, StandardCharsets.UTF_8));
        closer.add(() -> System.setErr(originalErr));
        CompletableFuture<Object> floodRead = producer.continueStream(floodKey).readAsync(Duration.ofSeconds(30));

        List<Long> healthy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertThat(producer.send(topic, "unrelated-" + i).read(Duration.ofSeconds(20))).isEqualTo("unrelated-" + i);
            healthy.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        boolean floodStillReading = !floodRead.isDone();
        floodRead.cancel(true); // it only had to show it slows nobody else; reading 200,000 entries takes a while

        // a smaller flood, read to its end: the skipped entries are logged once, with their count
        String smallFloodKey = "streamback_feedback_" + UUID.randomUUID();
        for (int i = 0; i < SMALL_FLOOD / garbage.length; i++) {
            raw.sync().lpush(smallFloodKey, garbage);
        }
        raw.sync().lpush(smallFloodKey,
                "{\"value\": \"after the flood\", \"event\": \"response\", \"source_group\": \"g\"}");
        raw.sync().expire(smallFloodKey, 300);
        long smallStarted = System.nanoTime();
        assertThat(producer.continueStream(smallFloodKey).read(Duration.ofSeconds(60))).isEqualTo("after the flood");
        long floodMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - smallStarted);
        Throwable wrongError = wrongRead.handle((v, e) -> e).get(30, TimeUnit.SECONDS);
        String skippedLine = "event=feedback_entries_skipped feedback_topic=" + smallFloodKey + " count=" + SMALL_FLOOD;
        String log = logged.toString(StandardCharsets.UTF_8);
        boolean countLogged = log.contains(skippedLine);
        long skipLines = log.lines().filter(line -> line.contains("feedback_topic=" + smallFloodKey)).count();
        System.out.printf("FeedbackReadFaultsIT [%s]: 5 unrelated RPCs in %s ms while a read went through %d garbage"
                        + " entries (still reading after them: %s); a read of %d garbage entries + 1 reply in %d ms,"
                        + " logged in %d line(s), count logged: %s; wrong-type read failed with: %s%n", mode, healthy,
                FLOOD, floodStillReading, SMALL_FLOOD, floodMs, skipLines, countLogged, wrongError);
        assertThat(skipLines).as("log lines about the skipped entries").isEqualTo(1);

        assertThat(wrongError).isNotNull();
        assertThat(wrongError).hasMessageContaining(wrongLane.feedbackTopic()).hasMessageContaining("string");
        assertThat(countLogged).as("logged once with the count: %s", skippedLine).isTrue();
    }

    @ParameterizedTest(name = "reads by {0}")
    @ValueSource(strings = {"notifications", "blocking"})
    void aReadItsCallerGaveUpLeavesTheRepliesToTheNextRead(String mode) throws Exception {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        String streams = redis.streams(query(mode));
        String topic = unique("given_up");
        CountDownLatch answer = new CountDownLatch(1);
        closer.add(Streamback.create(unique("given_up_consumer"), streams)).listen(topic, m -> {
            answer.await(60, TimeUnit.SECONDS);
            m.respond(1);
            m.respond(2);
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("given_up_producer"), streams));
        FeedbackLane lane = producer.send(topic, "x");
        lane.sent().get(30, TimeUnit.SECONDS);

        CompletableFuture<Object> cancelled = lane.readAsync(Duration.ofSeconds(60));
        assertThat(cancelled.cancel(true)).isTrue();

        CompletableFuture<Object> timedOut = lane.readAsync(Duration.ofSeconds(60)).orTimeout(300, TimeUnit.MILLISECONDS);
        assertThat(timedOut).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(TimeoutException.class);

        CompletableFuture<Object> abandoned = lane.readAsync(Duration.ofSeconds(60));
        assertThatThrownBy(() -> abandoned.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        abandoned.cancel(true); // a future left pending is a read still waiting: the caller gives it up so

        assertThatThrownBy(() -> lane.read(Duration.ofMillis(300))).isInstanceOf(FeedbackTimeoutException.class);

        AtomicReference<Throwable> interruptedRead = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                lane.read(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                interruptedRead.set(e);
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.WAITING);
        reader.interrupt();
        reader.join(5_000);
        assertThat(interruptedRead.get()).isInstanceOf(StreambackException.class).hasMessageContaining("interrupted");

        answer.countDown();
        Object first = lane.read(Duration.ofSeconds(20));
        Object second = lane.read(Duration.ofSeconds(20));
        Throwable end = catchThrowable(() -> lane.read(Duration.ofSeconds(20)));
        System.out.printf("FeedbackReadFaultsIT [%s]: after cancel, orTimeout, get-timeout+cancel, own timeout and"
                + " interrupt, the next reads got %s, %s, %s (ended %s)%n", mode, first, second, end, lane.isEnded());
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(end).isInstanceOf(StreamEndedException.class);
        assertThat(lane.isEnded()).isTrue();
    }

    /** Writes to both streams: what slf4j-simple logs still reaches the console. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
