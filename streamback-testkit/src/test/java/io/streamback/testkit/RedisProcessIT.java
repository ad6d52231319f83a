package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class RedisProcessIT {

    @Test
    void failsWithTheServersOutputWhenItDoesNotComeUp() {
        int port = Ports.free();

        assertThatThrownBy(() -> RedisProcess.launch("Redis", port,
                List.of("--port", Integer.toString(port), "--bind", Ports.HOST, "--no-such-directive", "yes"),
                Path.of(System.getProperty("java.io.tmpdir"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("could not start Redis on 127.0.0.1:" + port + ": redis-server exited")
                .hasMessageContaining("no-such-directive");
    }
}
