package io.streamback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.testkit.EmbeddedRedisCluster;
import io.streamback.testkit.RedisTls;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The feedback stream on a 3-master Redis Cluster over TLS, with an ACL user:
 * {@code rediss-cluster://}. Every node announces its TLS front, so the nodes a client learns
 * from the topology are reached with TLS too.
 */
@Tag("long")
class RedisClusterTlsIT extends RedisDeploymentContract {
    private static EmbeddedRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        RedisTls.selfSigned().trustInThisJvm();
        cluster = EmbeddedRedisCluster.builder().masters(3).aclUser(USER, PASSWORD).tls().start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void everyNodeIsReachedWithTls() {
        int before = cluster.tlsConnections();
        rpc();
        int tlsConnections = cluster.tlsConnections() - before;
        System.out.printf("RedisClusterTlsIT: %d TLS connections to the cluster's nodes for one RPC test%n",
                tlsConnections);
        assertThat(tlsConnections).as("TLS connections of the consumer and the producer to 3 nodes")
                .isGreaterThanOrEqualTo(6);
    }

    @Override
    String feedback() {
        return withUser("rediss-cluster", cluster.seedNodes());
    }

    @Override
    List<Integer> dataPorts() {
        return cluster.ports();
    }
}
