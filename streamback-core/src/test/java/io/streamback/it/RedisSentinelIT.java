package io.streamback.it;

import io.streamback.testkit.EmbeddedRedisSentinel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The feedback stream on a master, a replica and 3 sentinels, with an ACL user: {@code redis-sentinel://}. */
@Tag("long")
class RedisSentinelIT extends RedisSentinelContract {
    private static EmbeddedRedisSentinel sentinel;

    @BeforeAll
    static void startSentinel() {
        sentinel = EmbeddedRedisSentinel.builder(MASTER).aclUser(USER, PASSWORD).start();
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
        return "redis-sentinel";
    }
}
