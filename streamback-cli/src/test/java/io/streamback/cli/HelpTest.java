package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help texts wrap at spaces within 80 columns and never split an example; misspellings get "did you mean". */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "dev", "send", "listen", "top", "bench"})
    void helpWrapsWholeWordsWithin80Columns(String command) {
        CliRun run = command.isEmpty() ? CliRun.run("--help") : CliRun.run(command, "--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (String line : run.out().lines().toList()) {
            assertThat(line.length()).as("line '%s'", line).isLessThanOrEqualTo(HelpLayout.WIDTH);
        }
        if (!command.equals("demo") && !command.equals("dev")) { // they take no --streams
            assertThat(run.out().lines()).as("the streams example on a line of its own")
                    .contains(ConnectionOptions.STREAMS_EXAMPLE);
        }
    }

    @Test
    void theCommandListShowsWholeSentences() {
        List<String> lines = CliRun.run("--help").out().lines().toList();
        String commands = String.join("\n", lines.subList(lines.indexOf("Commands:") + 1, lines.indexOf("Exit codes:")));
        for (String name : List.of("demo", "dev", "send", "listen")) {
            assertThat(commands).contains("  " + name + " ");
        }
        assertThat(commands.replaceAll("\\s+", " ")).contains("prints the replies.")
                .contains("printing their streams string.").contains("without disturbing anyone.");
    }

    @Test
    void wrapBreaksAtSpacesOnlyAndKeepsLongWordsWhole() {
        String address = "main=kafka://127.0.0.1:9092&feedback=redis://127.0.0.1:6379";
        String wrapped = HelpLayout.wrap("Where the streams are, e.g. " + address + " for both.", "  --streams  ",
                "             ", 40);
        assertThat(wrapped.lines()).contains("             " + address);
        assertThat(wrapped.lines().toList().get(0)).isEqualTo("  --streams  Where the streams are, e.g.");
    }

    @Test
    void aMisspeltCommandOrOptionGetsDidYouMean() {
        CliRun command = CliRun.run("sned");
        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err()).startsWith("error: 'sned' is not a command (did you mean 'send'?); the commands are");

        CliRun option = CliRun.run("send", "--streams", "main=memory://x", "--tiemout", "1s", "t", "1");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).startsWith("error: unknown option '--tiemout' for streamback send"
                + " (did you mean '--timeout'?)");

        CliRun listen = CliRun.run("listen", "--streams", "main=memory://x", "--cout", "2", "t");
        assertThat(listen.err()).startsWith("error: unknown option '--cout' for streamback listen"
                + " (did you mean '--count'?)");

        CliRun unknown = CliRun.run("listen", "--streams", "main=memory://x", "--zzzzzz", "t");
        assertThat(unknown.err()).startsWith("error: unknown option '--zzzzzz' for streamback listen")
                .doesNotContain("did you mean");
    }

    @Test
    void suggestionsAreCloseWordsOnly() {
        assertThat(Suggestions.closest("lisen", List.of("send", "listen"))).isEqualTo("listen");
        assertThat(Suggestions.closest("--form", List.of("--from", "--format"))).isEqualTo("--from");
        assertThat(Suggestions.closest("--exit", List.of("--exit-at-end", "--echo"))).isEqualTo("--exit-at-end");
        assertThat(Suggestions.closest("banana", List.of("send", "listen"))).isNull();
    }
}
