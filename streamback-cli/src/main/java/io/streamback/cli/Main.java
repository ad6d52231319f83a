package io.streamback.cli;

/** The entry point of {@code streamback-cli.jar}: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    /** Runs {@code streamback} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        System.exit(StreambackCli.commandLine().execute(args));
    }
}
