package io.streamback.cli;

import io.streamback.cli.ExecutionErrors.CommandFailure;
import io.streamback.cli.ExecutionErrors.Failure;
import io.streamback.internal.StreamsParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code streamback bench}: runs the benchmark module's quick mode (benchmarks/, {@code BenchMain})
 * in a JVM of its own, building it first when needed, and prints its table.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the benchmark harness in quick mode and prints its results table.",
            "It compares Streamback with hand-written Kafka and Redis clients (the floor) and with Spring's"
                    + " ReplyingKafkaTemplate, row by row: sequential and concurrent RPC, waiting reads, a backlog"
                    + " drain, many replies and one-way sends. Without --streams it starts an embedded Kafka and"
                    + " Redis; with it, it makes its own topics (1 replica) and keys on those servers. Progress goes"
                    + " to stderr, the Markdown table to stdout. It needs the project's sources (benchmarks/),"
                    + " which it builds with Maven on first use; a quick run takes a few minutes."},
        footerHeading = "%nExamples:%n",
        footer = {ConnectionOptions.STREAMS_EXAMPLE,
            "  streamback bench",
            "  streamback bench --rows 1,6 --streams \"$S\""})
final class BenchCommand implements Callable<Integer> {
    private static final String MAIN = "io.streamback.bench.BenchMain";
    private static final Pattern MODULE = Pattern.compile("^\\[INFO\\] Building (.*?) +\\[(\\d+/\\d+)\\]$");

    @Spec
    private CommandSpec spec;

    @Option(names = "--streams", paramLabel = "STREAMS",
            description = "The Kafka and Redis to measure on; default: embedded ones started for the run.")
    private @Nullable String streams;

    @Option(names = "--rows", paramLabel = "LIST", defaultValue = "1,2,3,4,5,6",
            description = "The rows to run, e.g. 1,6. Default: ${DEFAULT-VALUE}.")
    private String rows;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the table as well. Default: benchmarks/target/results.md.")
    private @Nullable Path output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!rows.matches("[1-6](,[1-6])*")) {
            throw new ParameterException(spec.commandLine(), "--rows takes row numbers from 1 to 6, e.g. 1,6; got '"
                    + rows + "'");
        }
        if (streams != null) {
            StreamsParser.parse(streams); // a bad streams string is a usage error here, not in the harness
        }
        Path home = home();
        Path bench = home.resolve("benchmarks");
        if (!Files.isDirectory(bench.resolve("src"))) {
            throw new CommandFailure(new Failure(ExitCodes.FAILURE, "bench runs the project's benchmark module,"
                    + " which is not at " + bench + ": run it from a clone of the sources (./streamback bench)"));
        }
        if (needsBuild(bench)) {
            build(home);
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xms512m", "-Xmx2g", "-cp",
                bench.resolve("target/classes") + java.io.File.pathSeparator + bench.resolve("target/lib") + "/*",
                MAIN, "--quick", "--rows", rows));
        if (streams != null) {
            command.addAll(List.of("--streams", streams));
        }
        command.addAll(List.of("--output", (output != null ? output.toAbsolutePath()
                : bench.resolve("target/results.md")).toString()));
        Process harness = new ProcessBuilder(command).directory(home.toFile()).inheritIO().start();
        return harness.waitFor();
    }

    /** The project's folder: where the launcher says, else the one the jar was built in, else the working one. */
    private static Path home() {
        String said = System.getProperty("streamback.home");
        if (said != null) {
            return Path.of(said);
        }
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path module = jar.getParent() == null ? null : jar.getParent().getParent(); // streamback-cli/target/x.jar
            if (module != null && module.getParent() != null && Files.isDirectory(module.getParent().resolve("benchmarks"))) {
                return module.getParent();
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall back on the working folder
        }
        return Path.of("").toAbsolutePath();
    }

    private static boolean needsBuild(Path bench) throws IOException {
        Path classes = bench.resolve("target/classes/io/streamback/bench/BenchMain.class");
        if (!Files.exists(classes) || !Files.isDirectory(bench.resolve("target/lib"))) {
            return true;
        }
        long built = Files.getLastModifiedTime(classes).toMillis();
        try (Stream<Path> sources = Files.walk(bench.resolve("src"))) {
            return sources.anyMatch(source -> modifiedAfter(source, built)) || modifiedAfter(bench.resolve("pom.xml"), built);
        }
    }

    private static boolean modifiedAfter(Path file, long millis) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() > millis;
        } catch (IOException e) {
            return true;
        }
    }

    /** Builds the benchmark module with Maven, a line per module on stderr, its whole output in benchmarks/target/build.log. */
    private void build(Path home) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path log = home.resolve("benchmarks/target/build.log");
        Files.createDirectories(log.getParent());
        err.println("building the benchmark harness (first run, or its sources changed); Maven's log: "
                + home.relativize(log));
        err.flush();
        Process maven = new ProcessBuilder(mvn(), "-B", "-Dstyle.color=never", "-DskipTests", "-pl", "benchmarks", "-am",
                "package").directory(home.toFile()).redirectErrorStream(true).start();
        maven.getOutputStream().close();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            List<String> errors = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
                file.println(plain);
                Matcher module = MODULE.matcher(plain);
                if (module.matches()) {
                    err.println("  [" + module.group(2) + "] " + module.group(1));
                    err.flush();
                } else if (plain.startsWith("[ERROR]") && errors.size() < 40) {
                    errors.add(plain);
                }
            }
            if (maven.waitFor() != 0) {
                errors.forEach(err::println);
                err.flush();
                throw new CommandFailure(new Failure(ExitCodes.FAILURE, "the benchmark harness did not build; Maven's"
                        + " log: " + log));
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String mvn() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "mvn.cmd" : "mvn";
    }
}
