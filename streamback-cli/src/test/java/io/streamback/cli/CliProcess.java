package io.streamback.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code streamback} as a process of its own, as a shell would, on this JVM's classpath. */
final class CliProcess {
    private CliProcess() {
    }

    /** A builder for {@code streamback args...}; stderr goes to {@code err}. */
    static ProcessBuilder builder(Path err, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(err.toFile());
    }

    /** Starts {@code streamback args...} with stdin and stdout as pipes to this JVM. */
    static Process start(Path err, String... args) throws IOException {
        return builder(err, args).start();
    }
}
