package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI (target/streamback-cli.jar, run after mvn package): its own classpath holds no
 * embedded server, which lib-server/ holds for demo and dev, and both kinds of command start from it.
 */
class PackagingIT {
    private static final Path TARGET = Path.of("target");
    private static final Path JAR = TARGET.resolve("streamback-cli.jar");

    @TempDir
    Path dir;

    @Test
    void theJarsClasspathIsLeanAndTheServersLieBesideIt() throws Exception {
        String classPath;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        assertThat(classPath).contains("lib/streamback-", "lib/kafka-clients-", "lib/lettuce-core-", "lib/picocli-")
                .doesNotContain("kafka_2.13", "kafka-server", "scala", "streamback-testkit", "embedded-redis", "junit");
        try (Stream<Path> servers = Files.list(TARGET.resolve("lib-server"))) {
            assertThat(servers.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(name -> name.startsWith("streamback-testkit-"))
                    .anyMatch(name -> name.startsWith("kafka_2.13-"))
                    .noneMatch(name -> name.startsWith("kafka-clients-"));
        }
    }

    @Test
    void sendAndDevStartFromTheJar() throws Exception {
        assertThat(run("send", "--help")).contains("Usage: streamback send");
        assertThat(run("dev", "--help")).as("dev runs in a class loader that sees lib-server/")
                .contains("Usage: streamback dev");
    }

    private String run(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
