package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit's settings for users who watch their test output: the broker's own log lines are
 * kept to warnings while the library's show (checked in a child JVM without any logging
 * configuration, as a new user's test has), and the partitions of auto-created topics.
 */
class BrokerLogsIT {
    /** A routine INFO line of the broker itself, as slf4j-simple prints it. */
    private static final Pattern BROKER_INFO = Pattern.compile(
            "(?m)^\\[[^]]*] INFO (kafka\\.|org\\.apache\\.kafka\\.(server|controller|raft|storage|metadata|image))");

    @TempDir
    Path temp;

    @Test
    void theBrokersRoutineStaysOutOfTheOutputWhileTheLibrarysLinesShow() throws Exception {
        String output = runChild(List.of());

        assertThat(output).contains("INFO io.streamback.example - the library's line")
                .contains("INFO io.streamback.testkit.EmbeddedKafka - Started Kafka");
        assertThat(BROKER_INFO.matcher(output).find()).as("broker INFO lines in:%n%s", output).isFalse();
    }

    @Test
    void theBrokersLinesShowWhenAskedFor() throws Exception {
        String output = runChild(List.of("-D" + EmbeddedKafka.LOGS_PROPERTY + "=info"));

        assertThat(BROKER_INFO.matcher(output).find()).as("broker INFO lines in:%n%s", output).isTrue();
    }

    @Test
    void autoCreatedTopicsGetThePartitionsOfTheSetting() throws Exception {
        String topic = "partitions-" + System.nanoTime();
        System.setProperty(EmbeddedKafka.PARTITIONS_PROPERTY, "3");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();

            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        } finally {
            System.clearProperty(EmbeddedKafka.PARTITIONS_PROPERTY);
        }
    }

    @Test
    void aBadSettingSaysWhatIsWrong() {
        System.setProperty(EmbeddedKafka.PARTITIONS_PROPERTY, "three");
        try {
            assertThatThrownBy(() -> EmbeddedKafka.start(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("system property streamback.testkit.kafka.partitions must be a whole number from 1 to"
                            + " 1000 (the partitions of topics created on first use), got 'three'");
        } finally {
            System.clearProperty(EmbeddedKafka.PARTITIONS_PROPERTY);
        }
        System.setProperty(EmbeddedKafka.LOGS_PROPERTY, "loud");
        try {
            assertThatThrownBy(() -> EmbeddedKafka.start(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("system property streamback.testkit.kafka.logs must be one of error, warn, info, debug"
                            + " or trace, got 'loud'");
        } finally {
            System.clearProperty(EmbeddedKafka.LOGS_PROPERTY);
        }
    }

    /**
     * Runs {@link BrokerLogsMain} in a child JVM whose class path is this one's without the test
     * resources' logging configuration, and returns what it printed.
     */
    private String runChild(List<String> jvmOptions) throws IOException, InterruptedException {
        Path classes = temp.resolve("classes-" + System.nanoTime());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && Files.exists(path.resolve("simplelogger.properties"))) {
                copyWithoutLoggingConfiguration(path, classes);
                classPath.add(classes.toString());
            } else {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(BrokerLogsMain.class.getName());
        Path out = temp.resolve("out-" + System.nanoTime() + ".txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 120 s:\n" + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    private static void copyWithoutLoggingConfiguration(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("simplelogger.properties")) {
                    try {
                        Files.copy(file, target);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
