package io.streamback.cli;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code streamback} command; it only dispatches to its subcommands. */
@Command(name = "streamback",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"2-way streams from the shell: send on Kafka, read the replies from Redis.",
            "Every command that connects takes --streams: where Kafka and Redis are, as in the examples below;"
                    + " 'streamback dev' runs both and prints the string. 'streamback COMMAND --help' tells more."},
        footerHeading = "%nExamples:%n",
        footer = {ConnectionOptions.STREAMS_EXAMPLE,
            "  streamback send --streams \"$S\" greet '{\"name\":\"Ada\"}' --read",
            "  streamback listen --streams \"$S\" greet --from beginning --exit-at-end"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:other failure",
            "2:usage error (bad option, JSON, duration or streams string)",
            "3:a consumer group answered with an error",
            "4:no reply within the timeout"})
public final class StreambackCli implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private final InputStream in;
    private final boolean processStdout;

    private StreambackCli(InputStream in, boolean processStdout) {
        this.in = in;
        this.processStdout = processStdout;
    }

    /** A command line for {@code streamback} reading {@link System#in}, with the CLI's error handling and exit codes. */
    public static CommandLine commandLine() {
        return commandLine(System.in);
    }

    /** A command line for {@code streamback} whose {@code -} input is {@code in}. */
    public static CommandLine commandLine(InputStream in) {
        return commandLine(in, null);
    }

    /**
     * A command line for {@code streamback} whose {@code -} input is {@code in}, made for running
     * {@code command} (the first argument): when it names a command, only that one is set up, which
     * saves a call the reflection over every other command's options; else all are.
     */
    static CommandLine commandLine(InputStream in, @Nullable String command) {
        return commandLine(in, command, false);
    }

    /** The same; {@code processStdout} when the output is the process's stdout, whose reader may go away. */
    static CommandLine commandLine(InputStream in, @Nullable String command, boolean processStdout) {
        CommandLine commandLine = new CommandLine(new StreambackCli(in, processStdout));
        Map<String, Supplier<Object>> commands = commands();
        if (command != null && commands.containsKey(command)) {
            commandLine.addSubcommand(command, commands.get(command).get());
        } else {
            commands.forEach((name, make) -> commandLine.addSubcommand(name, make.get()));
        }
        commandLine
                .setExpandAtFiles(false) // @FILE is send's input, not picocli's argument file
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new ExecutionErrors());
        HelpLayout.install(commandLine);
        return commandLine;
    }

    /** Every command by name, in the order the help lists them. */
    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("demo", DemoCommand::new);
        commands.put("dev", DevCommand::new);
        commands.put("send", SendCommand::new);
        commands.put("listen", ListenCommand::new);
        commands.put("top", TopCommand::new);
        commands.put("bench", BenchCommand::new);
        return commands;
    }

    /** Whether the output is the process's stdout: then {@link PipeWatch} may tell when its reader went away. */
    boolean processStdout() {
        return processStdout;
    }

    /** What a {@code -} argument reads: the process's stdin. */
    InputStream in() {
        return in;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command: " + String.join(", ", commands().keySet()));
    }
}
