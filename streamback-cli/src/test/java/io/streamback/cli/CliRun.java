package io.streamback.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** Runs the {@code streamback} command line in this JVM with stdout and stderr captured. */
final class CliRun {
    private final CommandLine commandLine;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int exitCode = -1;

    CliRun() {
        this(InputStream.nullInputStream());
    }

    /** A run whose stdin holds {@code in}. */
    CliRun(InputStream in) {
        commandLine = StreambackCli.commandLine(in);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** Runs {@code args} and returns once the command is done. */
    static CliRun run(String... args) {
        CliRun run = new CliRun();
        run.exitCode = run.commandLine.execute(args);
        return run;
    }

    /** Runs {@code args} with {@code stdin} as the process's standard input (UTF-8). */
    static CliRun withStdin(String stdin, String... args) {
        CliRun run = new CliRun(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        run.exitCode = run.commandLine.execute(args);
        return run;
    }

    /** Runs {@code args} on a thread of its own; the future completes with the exit code. */
    CompletableFuture<Integer> start(String... args) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exitCode = commandLine.execute(args);
                done.complete(exitCode);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "cli-" + args[0]);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** The command object of subcommand {@code name}, e.g. to stop a running {@code listen}. */
    <T> T subcommand(String name) {
        return commandLine.getSubcommands().get(name).getCommand();
    }

    int exitCode() {
        return exitCode;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out() + "\nstderr:\n" + err();
    }
}
