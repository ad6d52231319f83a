package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code dev} serves real Kafka and Redis: {@code listen --echo} and {@code send --read} talk through them. */
class DevCommandIT {
    private static final String STREAMS_LINE = "main=kafka://127\\.0\\.0\\.1:\\d+&feedback=redis://127\\.0\\.0\\.1:\\d+";

    @Test
    void printsAStreamsStringThatWorksThenStops() throws Exception {
        CliRun dev = new CliRun();
        CompletableFuture<Integer> devExit = dev.start("dev");
        await().atMost(Duration.ofSeconds(60)).until(() -> !dev.out().isEmpty());
        String streams = dev.out().strip();
        assertThat(streams).matches(STREAMS_LINE);

        CliRun listen = new CliRun();
        CompletableFuture<Integer> listenExit = listen.start("listen", "--streams", streams, "--name", "dev_echo",
                "--echo", "dev_topic");
        try {
            CliRun send = CliRun.run("send", "--streams", streams, "--name", "dev_cli", "dev_topic",
                    "{\"ping\":true}", "--read", "--timeout", "60s");
            assertThat(send.exitCode()).as(send.toString()).isZero();
            assertThat(send.out().strip()).isEqualTo("{\"ping\":true}");
            assertThat(listen.out().strip()).startsWith("{\"topic\":\"dev_topic\",\"partition\":null,")
                    .contains("\"source_group\":\"dev_cli\"").endsWith("\"value\":{\"ping\":true}}");
        } finally {
            listen.<ListenCommand>subcommand("listen").stop();
            dev.<DevCommand>subcommand("dev").stop();
        }
        assertThat(listenExit.get(60, TimeUnit.SECONDS)).as("leaving the group may be slow on a busy machine").isZero();
        assertThat(devExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(dev.err()).contains("Ctrl-C to stop");
    }
}
