package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.protocol.CommandType;
import io.streamback.CapturedLog;
import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first read of a request, while no other read waits, waits in a blocking peek
 * ({@code BLMOVE key key RIGHT RIGHT}) on a connection of its own: it leaves the list as it was, so
 * a read given up or a killed connection loses no reply, and reads that start meanwhile go by
 * keyspace notifications.
 */
class LoneReadIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int CLOSINGS = 50;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private final OwnedRedis redis = closer.add(OwnedRedis.start());
    private final OwnedRedis.Raw raw = closer.add(redis.raw());
    private final String topic = unique("lone_read");
    private final String producerName = unique("lone_producer");
    private final Streamback producer = closer.add(Streamback.create(producerName, redis.streams("")));

    private void startEchoConsumer() {
        closer.add(Streamback.create(unique("lone_consumer"), redis.streams("")))
                .listen(topic, message -> message.respond(message.value())).startInBackground();
    }

    private List<Long> peeking() {
        return raw.clientIdsBlockedIn("streamback:" + producerName, "blmove");
    }

    @Test
    void aReadGivenUpWhileItsPeekWaitsLeavesTheReplyForTheNextRead() throws Exception {
        FeedbackLane lane = producer.send(topic, Map.of("n", 1));
        CompletableFuture<Object> first = lane.readAsync(PATIENCE);
        await().atMost(PATIENCE).until(() -> peeking().size() == 1);

        first.cancel(false);
        startEchoConsumer();
        await().atMost(PATIENCE).until(() -> peeking().isEmpty()); // the peek saw the reply, nobody took it

        assertThat(lane.read(PATIENCE)).isEqualTo(Map.of("n", 1));
        assertThat(first).isCancelled();
    }

    @Test
    void aKilledPeekConnectionLosesNoReply() {
        FeedbackLane lane = producer.send(topic, "after the kill");
        CompletableFuture<Object> read = lane.readAsync(PATIENCE);
        await().atMost(PATIENCE).until(() -> peeking().size() == 1);

        long killed = peeking().stream().mapToLong(id -> raw.sync().clientKill(KillArgs.Builder.id(id))).sum();
        startEchoConsumer();

        assertThat(read).succeedsWithin(PATIENCE).isEqualTo("after the kill");
        System.out.printf("LoneReadIT: killed %d peeking connection(s); the read got its reply%n", killed);
        assertThat(killed).isEqualTo(1);
    }

    @Test
    void aUserWhoMayNotBlmoveStillGetsEveryReply() {
        raw.sync().aclSetuser("no_blmove", AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allChannels()
                .allCommands().removeCommand(CommandType.BLMOVE));
        String streams = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=redis://no_blmove:pw@127.0.0.1:"
                + redis.port();
        closer.add(Streamback.create(unique("no_blmove_consumer"), streams))
                .listen(topic, message -> message.respond(message.value())).startInBackground();
        Streamback limited = closer.add(Streamback.create(unique("no_blmove_producer"), streams));

        for (int i = 0; i < 5; i++) {
            assertThat(limited.send(topic, i).read(PATIENCE)).as("RPC %d", i).isEqualTo(i);
        }
    }

    /**
     * Closing an instance while its peek waits closes every connection once: Lettuce warns
     * "Connection is already closed" when the client's shutdown finds a connection whose close is
     * still on its way (the peek's was closed without waiting, and the demo logged it once in ten runs).
     */
    @Test
    void closingWhileThePeekWaitsClosesEachConnectionOnce() throws Exception {
        String log = CapturedLog.during(() -> {
            for (int i = 0; i < CLOSINGS; i++) {
                String name = unique("closing_producer");
                Streamback closing = Streamback.create(name, redis.streams(""));
                closing.send(topic, i).readAsync(PATIENCE);
                await().atMost(PATIENCE).until(() -> raw.clientIdsBlockedIn("streamback:" + name, "blmove").size() == 1);
                closing.close();
            }
        });
        long warnings = log.lines().filter(line -> line.contains("Connection is already closed")).count();
        System.out.printf("LoneReadIT: %d instances closed while peeking, %d 'already closed' warnings%n",
                CLOSINGS, warnings);
        assertThat(warnings).isZero();
    }

    @Test
    void readsThatStartWhileOneWaitsAreServedByNotifications() throws Exception {
        List<FeedbackLane> lanes = List.of(producer.send(topic, 0), producer.send(topic, 1), producer.send(topic, 2));
        List<CompletableFuture<Object>> reads = lanes.stream().map(lane -> lane.readAsync(PATIENCE)).toList();
        await().atMost(PATIENCE).until(() -> peeking().size() == 1);
        assertThat(raw.clientIdsNamed("streamback:" + producerName)).as("connections: commands, notifications, peek")
                .hasSize(3);

        startEchoConsumer();

        for (int i = 0; i < reads.size(); i++) {
            assertThat(reads.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("read %d", i).isEqualTo(i);
        }
        assertThat(producer.send(topic, 3).read(PATIENCE)).as("an RPC after them").isEqualTo(3);
    }
}
