package io.streamback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A broker or Redis that is not there gives a clear error within a short bound, not a hang. */
class DeadServersIT {

    /** A loopback port nothing listens on. */
    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aSendToADeadBrokerReturnsWithinItsBoundAndFailsItsLaneNamingTheServer() throws Exception {
        String server = "127.0.0.1:" + deadPort();
        try (Streamback producer = Streamback.builder(ItSupport.unique("producer"))
                .streams("main=kafka://" + server + "&feedback=memory://dead_broker")
                .sendBlockTimeout(Duration.ofSeconds(2))
                .build()) {

            long start = System.nanoTime();
            FeedbackLane lane = producer.send(ItSupport.unique("topic"), Map.of("x", 1));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(lane.sent()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(StreambackException.class)
                    .withMessageContaining("no Kafka broker answered within 2000 ms")
                    .withMessageContaining("none of the bootstrap servers " + server + " could be reached");
            assertThatThrownBy(() -> lane.read(Duration.ofSeconds(30)))
                    .isInstanceOf(StreambackException.class)
                    .hasMessageContaining("the message was not sent, so no feedback will come: cannot send to topic")
                    .hasMessageContaining(server);
        }
    }

    @Test
    void byDefaultAOneWaySendToADeadBrokerGivesUpAfterFiveSeconds() throws Exception {
        String server = "127.0.0.1:" + deadPort();
        try (Streamback producer = Streamback.create(ItSupport.unique("producer"), "main=kafka://" + server)) {

            CompletableFuture<Void> sent = producer.sendOneWay(ItSupport.unique("topic"), Map.of("x", 1));

            assertThat(sent).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingCause().isInstanceOf(StreambackException.class)
                    .withMessageContaining("no Kafka broker answered within 5000 ms")
                    .withMessageContaining(server);
        }
    }

    @Test
    void aMaxBlockMsKafkaPropertyWinsOverTheBuilderSetting() throws Exception {
        try (Streamback producer = Streamback.builder(ItSupport.unique("producer"))
                .streams("main=kafka://127.0.0.1:" + deadPort() + "&feedback=memory://dead_broker")
                .sendBlockTimeout(Duration.ofMinutes(5))
                .kafkaProperty("max.block.ms", "1500")
                .build()) {

            FeedbackLane lane = producer.send(ItSupport.unique("topic"), Map.of("x", 1));

            assertThat(lane.sent()).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingCause().withMessageContaining("no Kafka broker answered within 1500 ms");
        }
    }

    @Test
    void aReadFromADeadRedisNamesTheAddressToCheck() throws Exception {
        String streams = "main=memory://dead_redis&feedback=redis://127.0.0.1:" + deadPort();
        try (Streamback producer = Streamback.create(ItSupport.unique("producer"), streams)) {

            FeedbackLane lane = producer.send("anything", 1);

            assertThatThrownBy(() -> lane.read(Duration.ofSeconds(5)))
                    .isInstanceOf(StreambackException.class)
                    .hasMessageContaining("cannot connect to the feedback stream redis://127.0.0.1:")
                    .hasMessageContaining("feedback=redis://host:port");
        }
    }
}
