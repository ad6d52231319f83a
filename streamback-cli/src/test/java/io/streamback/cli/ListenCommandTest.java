package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code listen} on the in-memory transport. */
class ListenCommandTest {
    private final String streams = "main=memory://listen-" + UUID.randomUUID() + "&feedback=memory://listen-"
            + UUID.randomUUID();

    @Test
    void printsEachMessageAsAJsonLineAndEchoesIt() throws Exception {
        CliRun listen = new CliRun();
        CompletableFuture<Integer> exit = listen.start("listen", "--streams", streams, "--name", "listener",
                "--echo", "a", "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> listen.err().contains("listening to a, b"));
        try (Streamback sender = Streamback.create("sender", streams)) {
            Object echoed = sender.send("a", Map.of("x", 1), "k").read(Duration.ofSeconds(10));
            sender.send("b", "two").read(Duration.ofSeconds(10));

            assertThat(echoed).isEqualTo(Map.of("x", 1));
            assertThat(listen.out().lines()).containsExactly(
                    "{\"topic\":\"a\",\"key\":\"k\",\"value\":{\"x\":1}}",
                    "{\"topic\":\"b\",\"key\":null,\"value\":\"two\"}");
        } finally {
            listen.<ListenCommand>subcommand("listen").stop();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(listen.err()).contains("as consumer group listener, echoing each message");
    }
}
