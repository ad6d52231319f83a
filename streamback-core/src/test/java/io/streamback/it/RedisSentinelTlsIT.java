package io.streamback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.testkit.RedisTls;
import io.streamback.testkit.EmbeddedRedisSentinel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same over TLS to the sentinels and the data nodes: {@code rediss-sentinel://}. */
@Tag("long")
class RedisSentinelTlsIT extends RedisSentinelContract {
    private static EmbeddedRedisSentinel sentinel;

    @BeforeAll
    static void startSentinel() {
        RedisTls.selfSigned().trustInThisJvm();
        sentinel = EmbeddedRedisSentinel.builder(MASTER).aclUser(USER, PASSWORD).tls().start();
    }

    @AfterAll
    static void stopSentinel() {
        sentinel.close();
    }

    @Override
    EmbeddedRedisSentinel sentinel() {
        return sentinel;
    }

    @Override
    String scheme() {
        return "rediss-sentinel";
    }

    @Test
    void theSentinelsAndTheMasterAreReachedWithTls() {
        int before = sentinel.tlsConnections();
        rpc();
        int tlsConnections = sentinel.tlsConnections() - before;
        System.out.printf("RedisSentinelTlsIT: %d TLS connections to sentinels and data nodes for one RPC test%n",
                tlsConnections);
        assertThat(tlsConnections).as("TLS connections of the consumer and the producer").isGreaterThanOrEqualTo(4);
    }
}
