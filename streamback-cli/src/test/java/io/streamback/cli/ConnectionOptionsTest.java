package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.internal.StreamsParser;
import io.streamback.internal.redis.RedisSettings;
import org.junit.jupiter.api.Test;

/** The streams strings the CLI derives from the one it is given. */
class ConnectionOptionsTest {
    @Test
    void readsBlockOnARedisServerOrSentinelThatSetsNoReads() {
        assertThat(ConnectionOptions.withBlockingReads("main=kafka://k:1&feedback=redis://r:2"))
                .isEqualTo("main=kafka://k:1&feedback=redis://r:2?reads=blocking");
        assertThat(ConnectionOptions.withBlockingReads("main=kafka://k:1&feedback=redis://u:p#?@r:2/3&group=g"))
                .isEqualTo("main=kafka://k:1&feedback=redis://u:p#?@r:2/3?reads=blocking&group=g");
        assertThat(ConnectionOptions.withBlockingReads("main=kafka://k:1&feedback=redis-sentinel://s:1,s:2/1#mymaster"))
                .isEqualTo("main=kafka://k:1&feedback=redis-sentinel://s:1,s:2/1?reads=blocking#mymaster");
        for (String unchanged : new String[] {"main=kafka://k:1&feedback=redis://r:2?reads=notifications",
            "main=kafka://k:1&feedback=redis-cluster://r:2,r:3", "main=memory://a&feedback=memory://b",
            "main=kafka://k:1"}) {
            assertThat(ConnectionOptions.withBlockingReads(unchanged)).isEqualTo(unchanged);
        }
        RedisSettings parsed = (RedisSettings) StreamsParser.parse(ConnectionOptions.withBlockingReads(
                "main=kafka://k:1&feedback=redis://u:p#?@r:2/3")).feedback();
        assertThat(parsed.reads()).isEqualTo(RedisSettings.Reads.BLOCKING);
        assertThat(parsed.password()).isEqualTo("p#?");
        assertThat(parsed.database()).isEqualTo(3);
    }
}
