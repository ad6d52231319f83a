package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import io.streamback.testkit.StreambackTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Redis that never answers delays no Kafka send; wrong passwords, groups and silent groups are named. */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FeedbackErrorsIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** A server on a free loopback port: keeps each connection it accepts and gives it to {@code onAccept}. */
    private static final class LoopbackServer implements AutoCloseable {
        /** What to do with the {@code index}th connection accepted. */
        @FunctionalInterface
        interface OnAccept {
            void accepted(Socket client, int index) throws IOException;
        }

        final ServerSocket server;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        LoopbackServer(String name, OnAccept onAccept) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        accepted.add(client);
                        onAccept.accepted(client, accepted.size() - 1);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, name);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** Accepts connections and never reads nor answers. */
    private static LoopbackServer blackHole() throws IOException {
        return new LoopbackServer("black-hole-redis", (client, index) -> { });
    }

    /** In front of a Redis server: closes the first connection once its handshake began, forwards the others. */
    private static LoopbackServer closingTheFirstConnectionTo(int redisPort) throws IOException {
        return new LoopbackServer("closes-first-connection", (client, index) -> {
            if (index == 0) {
                client.getInputStream().read(new byte[256]); // the handshake's first command
                client.close();
                return;
            }
            Socket redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
            pipe(client, redis);
            pipe(redis, client);
        });
    }

    /** Copies what {@code from} receives to {@code to} on a thread of its own, closing {@code to} at the end. */
    private static void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "closes-first-connection-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    @Test
    void aRedisThatNeverAnswersDelaysNoKafkaSend() throws Exception {
        LoopbackServer hole = closer.add(blackHole());
        String streams = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=redis://127.0.0.1:"
                + hole.server.getLocalPort();
        String topic = unique("black_hole");
        Streamback producer = closer.add(Streamback.create(unique("black_hole_producer"), streams));
        producer.send(topic, "metadata").sent().get(30, TimeUnit.SECONDS); // Kafka's first send fetches metadata

        long readStarted = System.nanoTime();
        CompletableFuture<Object> waiting = producer.continueStream("streamback_feedback_" + UUID.randomUUID())
                .readAsync(Duration.ofSeconds(20));
        long readAsyncMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStarted);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hole.accepted.isEmpty());

        List<Long> sendMs = new ArrayList<>();
        List<Long> sentMs = new ArrayList<>();
        List<FeedbackLane> lanes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            FeedbackLane lane = i % 2 == 0 ? producer.send(topic, i) : null;
            CompletableFuture<Void> sent = lane != null ? lane.sent() : producer.sendOneWay(topic, i);
            sendMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            sent.get(5, TimeUnit.SECONDS);
            sentMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (lane != null) {
                lanes.add(lane);
            }
        }
        long shortReadStarted = System.nanoTime();
        assertThatThrownBy(() -> lanes.get(0).read(Duration.ofSeconds(2))).isInstanceOf(StreambackException.class);
        long shortReadMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - shortReadStarted);
        System.out.printf("FeedbackErrorsIT [black hole]: readAsync returned in %d ms; send/sendOneWay returned in"
                        + " %s ms; sent() completed after %s ms, while a read waited (done: %s); a 2 s read ended"
                        + " after %d ms; %d connections to the black hole%n", readAsyncMs, sendMs, sentMs,
                waiting.isDone(), shortReadMs, hole.accepted.size());
        assertThat(readAsyncMs).isLessThan(500);
        assertThat(sendMs).allSatisfy(ms -> assertThat(ms).isLessThan(500));
        assertThat(sentMs).allSatisfy(ms -> assertThat(ms).isLessThan(5_000));
        assertThat(shortReadMs).as("a read's own timeout holds").isLessThan(8_000);
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailed() {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        try (OwnedRedis.Raw raw = redis.raw()) {
            raw.sync().configSet("requirepass", "right-password");
        }
        String key = "streamback_feedback_" + UUID.randomUUID();
        for (String auth : List.of(":wrong-password@", "")) {
            String streams = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=redis://" + auth + "127.0.0.1:"
                    + redis.port();
            Streamback producer = closer.add(Streamback.create(unique("auth_producer"), streams));
            Throwable error = catchRead(() -> producer.continueStream(key).read(Duration.ofSeconds(10)));
            System.out.printf("FeedbackErrorsIT [password '%s']: %s%n", auth, error);
            assertThat(error).isInstanceOf(StreambackException.class)
                    .hasMessageContaining("authentication to the feedback stream")
                    .hasMessageContaining("failed");
            assertThat(error.getMessage()).doesNotContain("wrong-password");
        }
    }

    @Test
    void aReadOfOneGroupNamesTheGroupsItSawAndASilentGroupEndsOnlyPythonsRule() {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        OwnedRedis.Raw raw = closer.add(redis.raw());
        String streams = redis.streams("");
        String topic = unique("two_groups");
        String talker = unique("talker");
        String silent = unique("silent");
        Semaphore silentEnded = new Semaphore(0);
        closer.add(Streamback.create(talker, streams)).listen(topic, m -> {
            if ("wait for the silent group".equals(m.value()) && !silentEnded.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the reply go");
            }
            m.respond("from " + talker);
        }).startInBackground();
        closer.add(() -> silentEnded.release(100)); // closed before the talker: close() is never held up
        closer.add(Streamback.create(silent, streams)).listen(topic, m -> { }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("two_groups_producer"), streams));

        FeedbackLane lane = producer.send(topic, "hello");
        Throwable error = catchRead(() -> lane.from("groupX").read(Object.class, Duration.ofSeconds(6)));
        System.out.printf("FeedbackErrorsIT [read of groupX]: %s%n", error);
        assertThat(error).isInstanceOf(FeedbackTimeoutException.class)
                .hasMessageContaining("groupX").hasMessageContaining(talker).hasMessageContaining(silent);

        FeedbackLane plain = producer.send(topic, "wait for the silent group");
        await().atMost(Duration.ofSeconds(30)).until(() -> raw.sync().llen(plain.feedbackTopic()) == 1);
        silentEnded.release(); // the silent group's end marker is ahead of the reply
        Object first = plain.read(Duration.ofSeconds(30));
        System.out.printf("FeedbackErrorsIT [plain read]: got %s, ended %s (silent group %s)%n", first,
                plain.isEnded(), silent);
        assertThat(first).as("the silent group's end marker does not end a plain read").isEqualTo("from " + talker);
        assertThat(plain.isEnded()).isFalse();

        FeedbackLane python = producer.send(topic, "wait for the silent group").untilFirstEndMarker();
        await().atMost(Duration.ofSeconds(30)).until(() -> raw.sync().llen(python.feedbackTopic()) == 1);
        silentEnded.release();
        Throwable ended = catchRead(() -> python.read(Duration.ofSeconds(30)));
        System.out.printf("FeedbackErrorsIT [Python's rule]: %s%n", ended);
        assertThat(ended).isInstanceOfSatisfying(StreamEndedException.class,
                e -> assertThat(e.groups()).containsExactly(silent));
        assertThat(python.isEnded()).isTrue();
        assertThat(python.endedBy()).isEqualTo(silent);
    }

    /**
     * When the server closes a connection during Lettuce's handshake, Lettuce can report "Connection
     * closed prematurely" in place of the handshake's error (a wrong password was once reported that
     * way in a full build): connecting again at once says what is wrong.
     */
    @Test
    void aWrongPasswordIsNamedEvenWhenTheFirstConnectionIsClosedDuringTheHandshake() throws Exception {
        OwnedRedis redis = closer.add(OwnedRedis.start());
        try (OwnedRedis.Raw raw = redis.raw()) {
            raw.sync().configSet("requirepass", "right-password");
        }
        LoopbackServer front = closer.add(closingTheFirstConnectionTo(redis.port()));
        String streams = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=redis://:wrong-password@127.0.0.1:"
                + front.server.getLocalPort();
        Streamback producer = closer.add(Streamback.create(unique("closed_auth_producer"), streams));

        Throwable error = catchRead(() -> producer.continueStream("streamback_feedback_" + UUID.randomUUID())
                .read(Duration.ofSeconds(10)));

        System.out.printf("FeedbackErrorsIT [first connection closed, %d accepted]: %s%n", front.accepted.size(), error);
        assertThat(front.accepted).as("connections the front accepted").hasSizeGreaterThanOrEqualTo(2);
        assertThat(error).isInstanceOf(StreambackException.class)
                .hasMessageContaining("authentication to the feedback stream")
                .hasMessageContaining("failed");
    }

    private static Throwable catchRead(Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the read did not fail");
    }
}
