package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.SendOptions;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTestKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code listen} as a tap on the embedded Kafka: full records, where it starts and stops, and pipes closed early. */
class ListenCommandIT {
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "cli_tap_" + ID;

    private static String streams;
    private static Streamback sender;
    private static Admin admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void sendThree() throws Exception {
        StreambackTestKit kit = StreambackTestKit.shared();
        streams = kit.streams();
        admin = Admin.create(Map.of("bootstrap.servers", kit.kafka().bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        sender = Streamback.create("cli_tap_sender_" + ID, streams);
        for (int i = 1; i <= 3; i++) {
            sender.sendOneWay(TOPIC, Map.of("n", i), SendOptions.defaults().key("k" + i).header("trace", "t" + i))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void close() {
        sender.close();
        admin.close();
    }

    @Test
    void theTapPrintsFullRecordsFromTheBeginningToTheEndAndJoinsNoGroup() throws Exception {
        List<String> groupsBefore = groups();
        CliRun run = CliRun.run("listen", "--streams", streams, TOPIC, "--from", "beginning", "--exit-at-end");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        String first = run.out().lines().filter(line -> line.contains("\"key\":\"k1\"")).findFirst().orElseThrow();
        assertThat(first).matches("\\{\"topic\":\"" + TOPIC + "\",\"partition\":[01],\"offset\":\\d+,"
                + "\"timestamp\":\"20\\d\\d-[^\"]+Z\",\"key\":\"k1\",\"headers\":\\{\"trace\":\"t1\"},"
                + "\"source_group\":\"cli_tap_sender_" + ID + "\",\"feedback_topic\":\"streamback_feedback_[0-9a-f-]+\","
                + "\"value\":\\{\"n\":1}}");
        assertThat(groups()).as("a tap creates no consumer group").isEqualTo(groupsBefore);
    }

    @Test
    void fromTakesOffsetsLastRecordsAndTimes() {
        CliRun last = CliRun.run("listen", "--streams", streams, TOPIC, "--from", "-1", "--exit-at-end",
                "--format", "value");
        assertThat(last.exitCode()).as(last.toString()).isZero();
        assertThat(last.out().lines()).as("the last record of each of the 2 partitions").hasSizeBetween(1, 2);

        CliRun future = CliRun.run("listen", "--streams", streams, TOPIC, "--from",
                Instant.now().plusSeconds(3600).toString(), "--exit-at-end");
        assertThat(future.exitCode()).as(future.toString()).isZero();
        assertThat(future.out()).isEmpty();

        CliRun hourAgo = CliRun.run("listen", "--streams", streams, TOPIC, "--from", "1h", "--exit-at-end",
                "--format", "{value.n}");
        assertThat(hourAgo.out().lines()).containsExactlyInAnyOrder("1", "2", "3");

        CliRun offset = CliRun.run("listen", "--streams", streams, TOPIC, "--from", "1000", "--exit-at-end");
        assertThat(offset.exitCode()).as(offset.toString()).isZero();
        assertThat(offset.out()).as("an offset past the end starts at the end").isEmpty();
    }

    @Test
    void countStopsAfterThatManyMessages() {
        CliRun run = CliRun.run("listen", "--streams", streams, TOPIC, "--from", "beginning", "--count", "2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(2);
    }

    @Test
    void aTopicThatDoesNotExistEndsAtOnceWithExitAtEnd() {
        CliRun run = CliRun.run("listen", "--streams", streams, "cli_none_" + ID, "--exit-at-end");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("topic cli_none_" + ID + " does not exist: nothing to read");
    }

    @Test
    void anUnreachableBrokerIsReportedWithinSecondsNamingTheServers() {
        long start = System.nanoTime();
        CliRun run = CliRun.run("listen", "--streams", "main=kafka://127.0.0.1:1&feedback=redis://127.0.0.1:1",
                TOPIC, "--connect-timeout", "2s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: no Kafka broker answered within 2 s; none of the bootstrap servers"
                + " 127.0.0.1:1 could be reached");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void closingThePipeEndsTheTapAtOnceEvenWhenNothingMoreComes() throws Exception {
        Path err = dir.resolve("err.txt");
        Process listen = CliProcess.start(err, "listen", "--streams", streams, TOPIC, "--from", "beginning",
                "--format", "value");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(listen.getInputStream(), StandardCharsets.UTF_8));
            List<String> read = new ArrayList<>();
            read.add(out.readLine());
            read.add(out.readLine());
            assertThat(read).allMatch(line -> line != null && line.startsWith("{\"n\":"));
            out.close(); // as head -2 does; the topic then stays idle
            assertThat(listen.waitFor(20, TimeUnit.SECONDS)).as("listen ended after its reader went away; stderr: %s",
                    Files.exists(err) ? Files.readString(err) : "").isTrue();
            assertThat(listen.exitValue()).isZero();
        } finally {
            listen.destroyForcibly();
        }
    }

    @Test
    void stdinOfAProcessIsSentLineByLine() throws Exception {
        String topic = "cli_stdin_" + ID;
        Path err = dir.resolve("send-err.txt");
        Process send = CliProcess.start(err, "send", "--streams", streams, topic, "-", "--lines", "--key", "{id}");
        try (OutputStream in = send.getOutputStream()) {
            in.write("{\"id\":\"a\"}\n{\"id\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(send.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(send.exitValue()).as(Files.readString(err)).isZero();
        CliRun run = CliRun.run("listen", "--streams", streams, topic, "--from", "beginning", "--exit-at-end",
                "--format", "key-value");
        assertThat(run.out().lines()).containsExactly("a\t{\"id\":\"a\"}", "b\t{\"id\":\"b\"}");
    }

    private static List<String> groups() throws Exception {
        ListConsumerGroupsResult result = admin.listConsumerGroups();
        List<String> names = new ArrayList<>();
        result.all().get(30, TimeUnit.SECONDS).forEach(group -> names.add(group.groupId()));
        names.sort(null);
        return names;
    }
}
