package io.streamback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import io.streamback.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A send to a topic the brokers do not have says so, and holds up no other send. The shared broker
 * creates topics on first use (a read-only broker setting), so these tests start their own broker
 * that does not, as many production clusters do not.
 */
class MissingTopicIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithoutAutoCreation() {
        kafka = EmbeddedKafka.start(0, Map.of("auto.create.topics.enable", "false"));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Streamback producer(Duration sendBlockTimeout) {
        return Streamback.builder(ItSupport.unique("producer"))
                .streams("main=kafka://" + kafka.bootstrapServers() + "&feedback=memory://missing_topic")
                .sendBlockTimeout(sendBlockTimeout)
                .build();
    }

    private static String createdTopic() throws Exception {
        String topic = ItSupport.unique("present");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    @Test
    void aSendToAMissingTopicSaysTheTopicDoesNotExist() {
        String missing = ItSupport.unique("missing");
        try (Streamback producer = producer(Duration.ofSeconds(2))) {

            FeedbackLane lane = producer.send(missing, Map.of("x", 1));

            assertThat(lane.sent()).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                    .havingCause().isInstanceOf(StreambackException.class)
                    .withMessageContaining("the Kafka brokers at " + kafka.bootstrapServers() + " answered")
                    .withMessageContaining("topic " + missing + " does not exist and was not created within 2000 ms")
                    .withMessageContaining("auto.create.topics.enable");
        }
    }

    @Test
    void aSendWaitingForAMissingTopicHoldsUpNoSendOnAnotherThread() throws Exception {
        String known = createdTopic();
        String fresh = createdTopic();
        String missing = ItSupport.unique("missing");
        AtomicReference<CompletableFuture<Void>> missingSent = new AtomicReference<>();
        Thread waiting;
        try (Streamback producer = producer(Duration.ofSeconds(20))) {
            assertThat(producer.sendOneWay(known, 0)).succeedsWithin(Duration.ofSeconds(30));

            waiting = new Thread(() -> missingSent.set(producer.sendOneWay(missing, 1)), "sends-to-missing");
            waiting.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);

            // both within 5 s while the other send waits up to 20 s: a metadata wait holds its own thread only
            assertThat(producer.sendOneWay(known, 2)).succeedsWithin(Duration.ofSeconds(5));
            assertThat(producer.sendOneWay(fresh, 3)).succeedsWithin(Duration.ofSeconds(5));
            assertThat(waiting.isAlive()).as("the send to the missing topic still waits").isTrue();
        } // closing the producer ends the wait
        waiting.join(Duration.ofSeconds(30).toMillis());
        assertThat(missingSent.get()).isCompletedExceptionally();
    }
}
