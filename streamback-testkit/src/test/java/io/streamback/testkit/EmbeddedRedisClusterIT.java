package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

class EmbeddedRedisClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int KEYS = 100;

    @Test
    void threeMastersShareTheSlotsAndSeeAKilledNode() {
        try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3)) {
            List<Integer> ports = cluster.ports();
            assertThat(ports).hasSize(3).doesNotHaveDuplicates();
            assertThat(cluster.seedNodes()).isEqualTo("127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1)
                    + ",127.0.0.1:" + ports.get(2));
            assertThat(cluster.masterPorts()).containsExactlyInAnyOrderElementsOf(ports);

            RedisClusterClient client = clusterClient(cluster, null);
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                for (int port : ports) {
                    RedisClusterCommands<String, String> node = connection.getConnection(Ports.HOST, port).sync();
                    assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_slots_ok:16384",
                            "cluster_known_nodes:3");
                }

                for (int i = 0; i < KEYS; i++) {
                    connection.sync().set("key-" + i, "value-" + i);
                }
                assertThat(connection.sync().get("key-42")).isEqualTo("value-42");
                long total = 0;
                for (int port : ports) {
                    long keysOnNode = connection.getConnection(Ports.HOST, port).sync().dbsize();
                    assertThat(keysOnNode).as("keys on node %d", port).isPositive();
                    total += keysOnNode;
                }
                assertThat(total).isEqualTo(KEYS);

                int victim = ports.get(2);
                cluster.killNode(victim);
                assertThat(Ports.isFree(victim)).isTrue();
                RedisClusterCommands<String, String> survivor = connection.getConnection(Ports.HOST, ports.get(0)).sync();
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    assertThat(flagsOf(survivor.clusterNodes(), victim)).contains("fail").doesNotContain("fail?");
                    assertThat(survivor.clusterInfo()).contains("cluster_state:fail");
                });
                assertThatThrownBy(() -> cluster.killNode(victim)).isInstanceOf(IllegalStateException.class);

                cluster.restartNode(victim);
                assertThat(survivor.clusterInfo()).contains("cluster_state:ok");
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    for (int i = 0; i < KEYS; i++) {
                        connection.sync().set("after-restart-" + i, "v");
                    }
                });
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void replicaTakesOverFromAKilledMaster() {
        try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.builder().masters(3).replicasPerMaster(1).start()) {
            List<Integer> ports = cluster.ports();
            assertThat(ports).hasSize(6);
            List<Integer> masters = ports.subList(0, 3);
            assertThat(cluster.masterPorts()).containsExactlyInAnyOrderElementsOf(masters);

            cluster.killNode(masters.get(0));

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cluster.masterPorts())
                    .hasSize(3).doesNotContain(masters.get(0)).contains(ports.get(3)));
        }
    }

    @Test
    void protectsNodesWithAPasswordAndAnAclUser() throws Exception {
        try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.builder()
                .requirePass("s3cret").aclUser("app", "app-pw").start()) {
            RedisClusterClient client = clusterClient(cluster, RedisURI.builder().withAuthentication("app", "app-pw"));
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                connection.sync().set("greeting", "hello");
                assertThat(connection.sync().get("greeting")).isEqualTo("hello");
                assertThat(connection.sync().aclWhoami()).isEqualTo("app");
            } finally {
                client.shutdown();
            }
            assertThatThrownBy(() -> RespClient.callOnce(cluster.ports().get(0), null, "GET", "greeting"))
                    .hasMessageStartingWith("NOAUTH");
            assertThat(RespClient.callOnce(cluster.ports().get(0), "s3cret", "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void closeStopsAllNodesAndDeletesTheirDirectories() throws Exception {
        EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3);
        List<Integer> ports = cluster.ports();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));

        cluster.close();
        cluster.close();

        assertThat(ports).allSatisfy(port -> assertThat(Ports.isFree(port)).isTrue());
        try (var children = Files.list(dir)) {
            assertThat(children.filter(child -> child.getFileName().toString().startsWith("streamback-redis-cluster-")))
                    .noneMatch(clusterDir -> Files.exists(clusterDir.resolve("node-" + ports.get(0))));
        }
    }

    private static RedisClusterClient clusterClient(EmbeddedRedisCluster cluster, RedisURI.Builder auth) {
        List<RedisURI> seeds = cluster.ports().stream().map(port -> {
            RedisURI.Builder builder = auth == null ? RedisURI.builder() : auth;
            return builder.withHost(Ports.HOST).withPort(port).withTimeout(Duration.ofSeconds(5)).build();
        }).toList();
        return RedisClusterClient.create(seeds);
    }

    /** Returns the flags of the node on {@code port} in a {@code CLUSTER NODES} reply. */
    private static List<String> flagsOf(String clusterNodes, int port) {
        Optional<String> line = clusterNodes.lines().filter(l -> l.contains(":" + port + "@")).findFirst();
        assertThat(line).as("node %d in CLUSTER NODES", port).isPresent();
        return Arrays.asList(line.get().split(" ")[2].split(","));
    }
}
