package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every Redis deployment must do for the feedback stream: RPC, streaming, and a thousand
 * reads waiting at once on a bounded number of connections per node. Subclasses start the
 * deployment and name it in a streams string with an ACL user and password.
 */
abstract class RedisDeploymentContract {
    static final String USER = "streamback_app";
    static final String PASSWORD = "s3cret:p@ss";
    private static final int WAITING_READS = 1_000;
    private static final int MAX_CONNECTIONS_PER_NODE = 4;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** The feedback part, e.g. {@code redis-cluster://user:pw@h:p,h:p}. */
    abstract String feedback();

    /** Every data node's port, to count connections on each. */
    abstract List<Integer> dataPorts();

    /** {@code scheme://USER:PASSWORD@where}, the password percent-encoded, e.g. {@code redis-cluster://app:s3cret%3Ap%40ss@h:p,h:p}. */
    static String withUser(String scheme, String where) {
        return scheme + "://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "@" + where;
    }

    String streams() {
        return "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=" + feedback();
    }

    Streamback echoConsumer(String topic) {
        Streamback consumer = closer.add(Streamback.create(unique("deployment_consumer"), streams()));
        consumer.listen(topic, message -> message.respond(message.value())).startInBackground();
        return consumer;
    }

    @Test
    void rpc() {
        String topic = unique("deployment_rpc");
        echoConsumer(topic);
        Streamback producer = closer.add(Streamback.create(unique("deployment_producer"), streams()));

        for (int i = 0; i < 20; i++) {
            assertThat(producer.send(topic, Map.of("i", i)).read(Duration.ofSeconds(30))).isEqualTo(Map.of("i", i));
        }
    }

    @Test
    void streaming() {
        String topic = unique("deployment_stream");
        closer.add(Streamback.create(unique("deployment_streamer"), streams()))
                .listen(topic, message -> {
                    for (int i = 0; i < 500; i++) {
                        message.respond(i);
                    }
                }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("deployment_reader"), streams()));

        List<Object> replies = new ArrayList<>();
        producer.send(topic, "go").stream(Duration.ofSeconds(30)).forEach(replies::add);

        assertThat(replies).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(replies.get(i)).as("reply %d", i).isEqualTo(i);
        }
    }

    @Test
    void aThousandWaitingReadsOnAFewConnectionsPerNode() throws Exception {
        String topic = unique("deployment_waiting");
        String producerName = unique("deployment_waiter");
        Streamback producer = closer.add(Streamback.create(producerName, streams()));

        List<CompletableFuture<Object>> reads = new ArrayList<>();
        for (int i = 0; i < WAITING_READS; i++) {
            FeedbackLane lane = producer.send(topic, Map.of("i", i));
            reads.add(lane.readAsync(Duration.ofSeconds(60)));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int port : dataPorts()) {
                assertThat(connectionsNamed(port, "streamback:" + producerName))
                        .as("connections of the producer on node %d", port).isBetween(0, MAX_CONNECTIONS_PER_NODE);
            }
            assertThat(reads).noneMatch(CompletableFuture::isDone);
        });
        echoConsumer(topic);

        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < WAITING_READS; i++) {
            assertThat(reads.get(i).join()).as("reply %d", i).isEqualTo(Map.of("i", i));
        }
        int total = 0;
        for (int port : dataPorts()) {
            int connections = connectionsNamed(port, "streamback:" + producerName);
            assertThat(connections).as("connections of the producer on node %d", port)
                    .isLessThanOrEqualTo(MAX_CONNECTIONS_PER_NODE);
            total += connections;
        }
        System.out.printf("%s: %d waiting reads answered; producer connections over %d nodes: %d%n",
                getClass().getSimpleName(), WAITING_READS, dataPorts().size(), total);
    }

    /** How many clients named {@code name} are connected to the node on {@code port}. */
    static int connectionsNamed(int port, String name) {
        RedisURI uri = RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withAuthentication(USER, PASSWORD.toCharArray()).build();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            int count = 0;
            for (String line : connection.sync().clientList().split("\\R")) {
                if (List.of(line.trim().split(" ")).contains("name=" + name)) {
                    count++;
                }
            }
            return count;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
