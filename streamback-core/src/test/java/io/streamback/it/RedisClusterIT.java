package io.streamback.it;

import io.streamback.testkit.EmbeddedRedisCluster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The feedback stream on a 3-master Redis Cluster, with an ACL user: {@code redis-cluster://}. */
@Tag("long")
class RedisClusterIT extends RedisDeploymentContract {
    private static EmbeddedRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedRedisCluster.builder().masters(3).aclUser(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    String feedback() {
        return withUser("redis-cluster", cluster.seedNodes());
    }

    @Override
    List<Integer> dataPorts() {
        return cluster.ports();
    }
}
