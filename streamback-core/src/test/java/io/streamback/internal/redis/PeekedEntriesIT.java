package io.streamback.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.testkit.EmbeddedRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a read peeked and did not take (an RPC's end marker) is kept only briefly once nobody
 * reads its key: at 64 requests in flight, keeping it until the next sweep held tens of thousands
 * of finished requests in memory.
 */
class PeekedEntriesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofSeconds(60);

    private final EmbeddedRedis redis = EmbeddedRedis.start(0);
    private final RedisFeedbackStream stream = new RedisFeedbackStream(
            new RedisSettings("127.0.0.1", redis.port(), null, null, 0, false), "streamback:peeked_it", PATIENCE);

    @AfterEach
    void close() {
        stream.close();
        redis.close();
    }

    @Test
    void theEndMarkersOfFinishedRpcsAreNotKeptOnceTheirKeysIdle() throws Exception {
        int rpcs = 200;
        for (int i = 0; i < rpcs; i++) {
            assertThat(rpc("reply " + i)).as("RPC %d", i).contains("reply " + i);
        }
        int keptRightAfter = kept();
        long started = System.nanoTime();

        // each RPC after them finds them idle a little longer, until they are forgotten
        await().atMost(PATIENCE).until(() -> rpc("one more").equals(Optional.of("one more")) && kept() == 1);

        System.out.printf("PeekedEntriesIT: keys kept after %d RPCs: %d; 1 (the RPC that just ended) %d ms later%n",
                rpcs, keptRightAfter, (System.nanoTime() - started) / 1_000_000);
    }

    /** A reply and an end marker pushed together, then one read: it takes the reply, peeks the end marker. */
    private Optional<String> rpc(String reply) throws Exception {
        String key = stream.newKey();
        stream.pushAll(List.of(Map.entry(key, reply), Map.entry(key, "end")), TTL)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return stream.pop(key, PATIENCE).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private int kept() throws Exception {
        return stream.keysKept().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
