package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

class EmbeddedRedisSentinelIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void clientKeepsWorkingAcrossAFailover() throws Exception {
        try (EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.start("mymaster")) {
            List<Integer> sentinels = sentinel.sentinelPorts();
            assertThat(sentinel.masterName()).isEqualTo("mymaster");
            assertThat(sentinels).hasSize(3).doesNotHaveDuplicates();
            assertThat(sentinel.sentinelNodes()).isEqualTo("127.0.0.1:" + sentinels.get(0) + ",127.0.0.1:"
                    + sentinels.get(1) + ",127.0.0.1:" + sentinels.get(2));
            int oldMaster = sentinel.masterPort();
            assertThat(oldMaster).isEqualTo(sentinel.dataPorts().get(0));

            RedisClient client = RedisClient.create(
                    RedisURI.create("redis-sentinel://" + sentinel.sentinelNodes() + "#mymaster"));
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                redis.set("greeting", "before");
                assertThat(redis.get("greeting")).isEqualTo("before");

                sentinel.failover();

                int newMaster = sentinel.masterPort();
                assertThat(newMaster).isNotEqualTo(oldMaster).isEqualTo(sentinel.dataPorts().get(1));
                assertThat(RespClient.callOnce(oldMaster, null, "ROLE")).asInstanceOf(InstanceOfAssertFactories.LIST)
                        .first().isEqualTo("slave");
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    redis.set("greeting", "after");
                    assertThat(redis.get("greeting")).isEqualTo("after");
                });
                assertThat(RespClient.callOnce(newMaster, null, "GET", "greeting")).isEqualTo("after");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void killedPasswordProtectedMasterIsReplacedByTheReplica() throws Exception {
        try (EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.builder("secured")
                .requirePass("s3cret").aclUser("app", "app-pw").start()) {
            List<Integer> sentinels = sentinel.sentinelPorts();
            RedisURI uri = RedisURI.Builder.sentinel(Ports.HOST, sentinels.get(0), "secured")
                    .withSentinel(Ports.HOST, sentinels.get(1))
                    .withSentinel(Ports.HOST, sentinels.get(2))
                    .withAuthentication("app", "app-pw")
                    .build();
            int oldMaster = sentinel.masterPort();
            assertThatThrownBy(() -> RespClient.callOnce(oldMaster, null, "GET", "x")).hasMessageStartingWith("NOAUTH");

            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                assertThat(redis.aclWhoami()).isEqualTo("app");
                redis.set("greeting", "before");

                sentinel.killMaster();

                assertThat(sentinel.masterPort()).isEqualTo(sentinel.dataPorts().get(1));
                assertThat(Ports.isFree(oldMaster)).isTrue();
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    redis.set("greeting", "after");
                    assertThat(redis.get("greeting")).isEqualTo("after");
                });
                assertThatThrownBy(sentinel::failover).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("no running replica");
            } finally {
                client.shutdown();
            }
        }
    }
}
