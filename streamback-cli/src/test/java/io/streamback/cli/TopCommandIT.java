package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTestKit;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code top} on the embedded Kafka and Redis: a group's state, members and lag, and the feedback keys. */
class TopCommandIT {
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void showsTheGroupItsMemberItsLagAndTheFeedbackKeys() throws Exception {
        String streams = StreambackTestKit.shared().streams();
        String topic = "cli_top_" + ID;
        String group = "cli_top_group_" + ID;
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Streamback consumer = Streamback.create(group, streams).listen(topic, (Message m) -> {
            first.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // holds the rest back: they are the lag
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }); Streamback answerer = Streamback.create("cli_top_answerer_" + ID, streams)
                .listen(topic + "_side", (Message m) -> m.respond("answered"));
                Streamback sender = Streamback.create("cli_top_sender_" + ID, streams)) {
            answerer.startInBackground();
            sender.send(topic + "_side", 1); // its reply waits in Redis, unread
            consumer.startInBackground();
            sender.send(topic, 1);
            assertThat(first.await(60, TimeUnit.SECONDS)).isTrue();
            sender.send(topic, 2).sent().get(30, TimeUnit.SECONDS);
            sender.send(topic, 3).sent().get(30, TimeUnit.SECONDS);

            CliRun run = CliRun.run("top", "--streams", streams, "--once", "--group", group);
            release.countDown();
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("GROUP").contains("LAG");
            String row = run.out().lines().filter(line -> line.startsWith(group)).findFirst().orElseThrow();
            assertThat(row.split(" +")).as(row).containsExactly(group, "Stable", "1", topic, "1",
                    row.split(" +")[5]);
            assertThat(Long.parseLong(row.split(" +")[5])).as("the two held back, the one in hand, and the answered one until its commit").isBetween(2L, 4L);
            assertThat(run.out()).containsPattern("  " + group + "  \\S+ on \\S+: " + topic + "-0");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    CliRun.run("top", "--streams", streams, "--once", "--group", group).out())
                    .containsPattern("feedback keys waiting in Redis: [1-9]\\d* \\(streamback_feedback_\\*\\)"));
        }
    }

    @Test
    void anUnreachableBrokerIsReportedNamingTheServers() {
        long start = System.nanoTime();
        CliRun run = CliRun.run("top", "--streams", "main=kafka://127.0.0.1:1&feedback=redis://127.0.0.1:1", "--once",
                "--connect-timeout", "2s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: no Kafka broker answered within 2 s; none of the bootstrap servers"
                + " 127.0.0.1:1 could be reached");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
