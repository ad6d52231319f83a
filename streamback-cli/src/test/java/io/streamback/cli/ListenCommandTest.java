package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.SendOptions;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code listen} on the in-memory transport: the tap, its bounds and formats, and --echo and --respond. */
class ListenCommandTest {
    private final String streams = "main=memory://listen-" + UUID.randomUUID() + "&feedback=memory://listen-"
            + UUID.randomUUID();

    @Test
    void echoJoinsTheGroupPrintsEachRecordAndAnswersWithItsValue() throws Exception {
        CliRun listen = new CliRun();
        CompletableFuture<Integer> exit = listen.start("listen", "--streams", streams, "--name", "listener",
                "--echo", "a", "b");
        await().atMost(Duration.ofSeconds(10)).until(() -> listen.err().contains("listening to a, b"));
        try (Streamback sender = Streamback.create("sender", streams)) {
            Object echoed = sender.send("a", Map.of("x", 1), SendOptions.defaults().key("k").header("h", "v"))
                    .read(Duration.ofSeconds(10));
            sender.send("b", "two").read(Duration.ofSeconds(10));

            assertThat(echoed).isEqualTo(Map.of("x", 1));
            assertThat(listen.out().lines()).hasSize(2);
            assertThat(listen.out().lines().findFirst().orElseThrow()).startsWith(
                    "{\"topic\":\"a\",\"partition\":null,\"offset\":null,\"timestamp\":null,\"key\":\"k\","
                            + "\"headers\":{\"h\":\"v\"},\"source_group\":\"sender\",\"feedback_topic\":\"streamback_feedback_")
                    .endsWith(",\"value\":{\"x\":1}}");
        } finally {
            listen.<ListenCommand>subcommand("listen").stop();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(listen.err()).contains("as consumer group listener, echoing each message");
    }

    @Test
    void respondAnswersWithTheTemplateFilledFromTheMessage() throws Exception {
        CliRun listen = new CliRun();
        CompletableFuture<Integer> exit = listen.start("listen", "--streams", streams, "--name", "greeter",
                "greet", "--respond", "{\"hello\":\"{value.name}\",\"from\":\"{source_group}\",\"all\":\"{value}\"}",
                "--count", "1", "--format", "value");
        await().atMost(Duration.ofSeconds(10)).until(() -> listen.err().contains("listening to greet"));
        try (Streamback sender = Streamback.create("sender", streams)) {
            Object reply = sender.send("greet", Map.of("name", "Ada")).read(Duration.ofSeconds(10));
            assertThat(reply).isEqualTo(Map.of("hello", "Ada", "from", "sender", "all", Map.of("name", "Ada")));
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).as("--count 1 ends it").isZero();
        assertThat(listen.out().lines()).containsExactly("{\"name\":\"Ada\"}");
    }

    @Test
    void theTapReadsFromTheBeginningToTheEndAndAnswersNothing() {
        try (Streamback sender = Streamback.create("sender", streams)) {
            sender.send("t", 1, "k1");
            sender.send("t", 2, "k2");
            CliRun run = CliRun.run("listen", "--streams", streams, "t", "--from", "beginning", "--exit-at-end",
                    "--format", "key-value");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out().lines()).containsExactly("k1\t1", "k2\t2");
            assertThat(run.err()).contains("tapping t from the beginning (no consumer group");
            CliRun template = CliRun.run("listen", "--streams", streams, "t", "--from", "beginning", "--count", "1",
                    "--format", "{partition}:{offset} {key}={value}");
            assertThat(template.out().lines()).containsExactly("0:0 k1=1");
        }
    }

    @Test
    void theTapStartsAtTheEndByDefault() throws Exception {
        try (Streamback sender = Streamback.create("sender", streams)) {
            sender.send("t", "old");
            CliRun listen = new CliRun();
            CompletableFuture<Integer> exit = listen.start("listen", "--streams", streams, "t", "--count", "1",
                    "--format", "value");
            await().atMost(Duration.ofSeconds(10)).until(() -> listen.err().contains("tapping t from the end"));
            sender.send("t", "new");
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(listen.out().lines()).containsExactly("\"new\"");
        }
    }

    @Test
    void wrongListenOptionsAreUsageErrors() {
        CliRun format = CliRun.run("listen", "--streams", streams, "t", "--format", "vaule");
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("'vaule' is not a format").contains("did you mean 'value'?");
        CliRun from = CliRun.run("listen", "--streams", streams, "t", "--from", "yesterday");
        assertThat(from.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(from.err()).contains("'yesterday' is not a start");
        CliRun exitAtEnd = CliRun.run("listen", "--streams", streams, "t", "--echo", "--exit-at-end");
        assertThat(exitAtEnd.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(exitAtEnd.err()).contains("--exit-at-end works for a tap only");
    }
}
