package io.streamback.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The run that the launcher archives the loaded classes of (AppCDS, {@code -XX:ArchiveClassesAtExit})
 * right after a build, so that later calls start faster: every command's help and usual paths, on
 * the in-memory transport and against a closed port of this host, where the Kafka and Redis clients
 * try to connect, fail at once and give up after half a second. It talks to no real server.
 */
final class CdsTraining {
    /** The hidden first argument that runs it. */
    static final String ARGUMENT = "--cds-training";
    /** Where nothing listens: a connect there is refused at once. */
    private static final String CLOSED = "127.0.0.1:1";

    private CdsTraining() {
    }

    static void run() {
        String memory = "main=memory://training&feedback=memory://training";
        String closed = "main=kafka://" + CLOSED + "&feedback=redis://" + CLOSED;
        List<String[]> runs = new ArrayList<>();
        for (String command : List.of("demo", "dev", "send", "listen", "top", "bench")) {
            runs.add(new String[] {command, "--help"});
        }
        runs.add(new String[] {"--help"});
        runs.add(new String[] {"sned"});
        runs.add(new String[] {"send", "--streams", memory, "--tiemout", "1s", "t", "{}"});
        runs.add(new String[] {"send", "--streams", memory, "t", "-", "--lines", "--key", "{id}"});
        runs.add(new String[] {"send", "--streams", memory, "t", "{\"id\":1}", "--read", "--timeout", "100ms"});
        runs.add(new String[] {"listen", "--streams", memory, "t", "--from", "beginning", "--exit-at-end"});
        runs.add(new String[] {"listen", "--streams", memory, "t", "--from", "beginning", "--count", "1",
            "--format", "{key}:{value}"});
        runs.add(new String[] {"send", "--streams", closed, "--connect-timeout", "500ms", "t", "{\"a\":1}"});
        runs.add(new String[] {"send", "--streams", "main=memory://training&feedback=redis://" + CLOSED, "t", "1",
            "--read", "--timeout", "500ms"});
        runs.add(new String[] {"listen", "--streams", closed, "--connect-timeout", "500ms", "t"});
        runs.add(new String[] {"top", "--streams", closed, "--connect-timeout", "500ms", "--once"});
        for (String[] args : runs) {
            CommandLine commandLine = StreambackCli.commandLine(new ByteArrayInputStream(
                    "{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8)));
            commandLine.setOut(new PrintWriter(Writer.nullWriter())).setErr(new PrintWriter(Writer.nullWriter()));
            try {
                commandLine.execute(args);
            } catch (RuntimeException e) {
                // a training run may fail any way it likes: only the classes it loads count
            }
        }
    }
}
