package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exit codes and messages of wrong command lines; nothing here opens a socket. */
class UsageErrorsTest {
    private static final String STREAMS = "main=memory://usage&feedback=memory://usage";

    @Test
    void noCommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing a command: demo, dev, send, listen, top, bench")
                .contains("Try 'streamback --help'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.run("sned");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'sned'");
    }

    @Test
    void sendNeedsItsStreamsTopicAndJson() {
        CliRun run = CliRun.run("send", "topic", "{}");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--streams").contains("Try 'streamback send --help'");
        assertThat(CliRun.run("send", "--streams", STREAMS, "--name", "n", "topic").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void invalidJsonIsAUsageErrorThatSaysWhy() {
        CliRun run = CliRun.run("send", "--streams", STREAMS, "--name", "n", "topic", "{name: Ada}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: '{name: Ada}' is not valid JSON");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInvalidDurationIsAUsageError() {
        CliRun run = CliRun.run("send", "--streams", STREAMS, "--name", "n", "topic", "1", "--timeout", "10");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'10' is not a duration");
    }

    @Test
    void readAndStreamExcludeEachOther() {
        CliRun run = CliRun.run("send", "--streams", STREAMS, "--name", "n", "topic", "1", "--read", "--stream");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: --read, --stream are mutually exclusive");
    }

    @Test
    void fromGroupNeedsReadOrStream() {
        CliRun run = CliRun.run("send", "--streams", STREAMS, "--name", "n", "topic", "1", "--from-group", "g");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from-group needs --read or --stream");
    }

    @Test
    void anInvalidStreamsStringIsAUsageError() {
        CliRun run = CliRun.run("send", "--streams", "main=ftp://host", "--name", "n", "topic", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: invalid streams string: ")
                .contains("must start with kafka:// or memory://");
    }

    @Test
    void listenNeedsATopic() {
        CliRun run = CliRun.run("listen", "--streams", STREAMS, "--name", "n");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("TOPIC");
    }

    @Test
    void devRejectsPortsOutOfRange() {
        CliRun run = CliRun.run("dev", "--redis-port", "-1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--redis-port must be between 0 (a free port) and 65535, got -1");
    }

    @Test
    void benchAndTopCheckTheirOptions() {
        CliRun rows = CliRun.run("bench", "--rows", "7");
        assertThat(rows.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rows.err()).startsWith("error: --rows takes row numbers from 1 to 6");
        CliRun streams = CliRun.run("bench", "--streams", "main=ftp://x");
        assertThat(streams.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(streams.err()).startsWith("error: invalid streams string: ");
        CliRun memory = CliRun.run("top", "--streams", STREAMS, "--once");
        assertThat(memory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(memory.err()).contains("top reads Kafka and Redis");
    }

    @Test
    void helpAndVersionSucceed() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "dev", "send", "listen", "Exit codes:");
        CliRun version = CliRun.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("streamback ");
        CliRun sendHelp = CliRun.run("send", "--help");
        assertThat(sendHelp.out()).contains("--from-group", "--timeout", "Default: 60s");
    }
}
