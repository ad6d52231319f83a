package io.streamback.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point of {@code streamback-cli.jar}: runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    /** Runs {@code streamback} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        CommandLine commandLine = StreambackCli.commandLine();
        // UTF-8 whatever the locale: JSON is UTF-8. stdout is flushed by each line printed, stderr at once.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        commandLine.setOut(out).setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
