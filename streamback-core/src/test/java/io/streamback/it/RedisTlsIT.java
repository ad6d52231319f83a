package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.streamback.Streamback;
import io.streamback.testkit.EmbeddedRedis;
import io.streamback.testkit.RedisTls;
import io.streamback.testkit.RedisTlsFront;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The feedback stream over TLS to a single server, with an ACL user: {@code rediss://}. The
 * server's certificate is the test kit's, trusted through the JVM's trust store.
 */
@Tag("long")
class RedisTlsIT extends RedisDeploymentContract {
    private static EmbeddedRedis redis;
    private static RedisTlsFront front;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start(0);
        createUser(redis.port());
        RedisTls tls = RedisTls.selfSigned();
        tls.trustInThisJvm();
        front = tls.front(redis.port());
    }

    @AfterAll
    static void stopRedis() {
        front.close();
        redis.close();
    }

    @Override
    String feedback() {
        return withUser("rediss", "127.0.0.1:" + front.port());
    }

    @Override
    List<Integer> dataPorts() {
        return List.of(redis.port());
    }

    @Test
    void theApplicationsConnectionsUseTls() {
        int before = front.tlsConnections();
        String topic = unique("tls_rpc");
        echoConsumer(topic);
        Streamback producer = closer.add(Streamback.create(unique("tls_producer"), streams()));

        assertThat(producer.send(topic, Map.of("over", "tls")).read(Duration.ofSeconds(30)))
                .isEqualTo(Map.of("over", "tls"));
        assertThat(front.tlsConnections() - before).as("TLS connections of the consumer and the producer")
                .isGreaterThanOrEqualTo(4); // each application: its command and its notification connection
    }

    @Test
    void aPlainSchemeAgainstTheSameFrontIsNotTls() {
        int before = front.tlsConnections();
        String topic = unique("plain_rpc");
        String plain = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback="
                + withUser("redis", "127.0.0.1:" + front.port());
        closer.add(Streamback.create(unique("plain_consumer"), plain))
                .listen(topic, message -> message.respond(message.value())).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("plain_producer"), plain));

        assertThat(producer.send(topic, "plain").read(Duration.ofSeconds(30))).isEqualTo("plain");
        assertThat(front.tlsConnections()).as("TLS connections").isEqualTo(before);
    }

    @Test
    void tlsToAServerWithoutItFailsTheReadSayingSo() {
        String topic = unique("no_tls_rpc");
        String noTls = "main=kafka://" + ItSupport.bootstrapServers() + "&feedback="
                + withUser("rediss", "127.0.0.1:" + redis.port());
        closer.add(Streamback.create(unique("no_tls_consumer"), streams()))
                .listen(topic, message -> message.respond(message.value())).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("no_tls_producer"), noTls));

        assertThatThrownBy(() -> producer.send(topic, "x").read(Duration.ofSeconds(10)))
                .hasMessageContaining("TLS to the feedback stream").hasMessageContaining("127.0.0.1:" + redis.port())
                .hasMessageContaining("javax.net.ssl.trustStore");
    }

    private static void createUser(int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().aclSetuser(USER, AclSetuserArgs.Builder.on()
                    .addPassword(PASSWORD).allKeys().allChannels().allCommands());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
