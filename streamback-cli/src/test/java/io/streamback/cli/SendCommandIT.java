package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code send} on the embedded Kafka and Redis, against a consumer running in this JVM. */
class SendCommandIT {
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String GREET = "cli_greet_" + ID;
    private static final String COUNT = "cli_count_" + ID;
    private static final String FAIL = "cli_fail_" + ID;
    private static final String GROUP = "cli_consumer_" + ID;

    private static String streams;
    private static Streamback consumer;

    @BeforeAll
    static void startConsumer() {
        streams = StreambackTestKit.shared().streams();
        consumer = Streamback.create(GROUP, streams)
                .listen(GREET, (Message m) -> m.respond("Hello, " + ((Map<?, ?>) m.value()).get("name") + "!"))
                .listen(COUNT, (Message m) -> {
                    for (int i = 1; i <= (Integer) m.value(); i++) {
                        m.respond(i);
                    }
                })
                .listen(FAIL, (Message m) -> {
                    throw new IllegalArgumentException("bad input " + m.value());
                })
                .startInBackground();
    }

    @AfterAll
    static void stopConsumer() {
        consumer.close();
    }

    @Test
    void readPrintsTheReply() {
        CliRun run = send(GREET, "{\"name\":\"Ada\"}", "--read", "--timeout", "60s");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("\"Hello, Ada!\"");
    }

    @Test
    void streamPrintsEveryReplyUntilTheEndMarker() {
        CliRun run = send(COUNT, "3", "--stream", "--from-group", GROUP, "--timeout", "PT60S");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("1", "2", "3");
    }

    @Test
    void aRemoteErrorExitsWith3() {
        CliRun run = send(FAIL, "42", "--read");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REMOTE_ERROR);
        assertThat(run.err().strip()).isEqualTo("error: consumer group " + GROUP + " answered the message on topic "
                + FAIL + " with an error: IllegalArgumentException('bad input 42')");
    }

    @Test
    void silenceExitsWith4() {
        String topic = "cli_nobody_" + ID;
        assertThat(send(topic, "{}").exitCode()).as("the topic exists before the timed read: creating it may take"
                + " longer than the read's 1 s on a busy machine").isZero();
        CliRun run = send(topic, "{}", "--read", "--timeout", "1s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(run.err()).startsWith("error: no reply on topic " + topic + " within 1 s: ")
                .contains("(feedback key streamback_feedback_");
    }

    @Test
    void aBatchFromStdinPrintsEachReplyTaggedWithItsLine() {
        List<String> args = new ArrayList<>(List.of("send", "--streams", streams, "--name", "cli_" + ID, GREET, "-",
                "--lines", "--read", "--key", "{name}", "--timeout", "60s"));
        CliRun run = CliRun.withStdin("{\"name\":\"Ada\"}\n{\"name\":\"Bob\"}\n", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "{\"line\":1,\"key\":\"Ada\",\"request\":{\"name\":\"Ada\"},\"reply\":\"Hello, Ada!\"}",
                "{\"line\":2,\"key\":\"Bob\",\"request\":{\"name\":\"Bob\"},\"reply\":\"Hello, Bob!\"}");
    }

    @Test
    void readingFromAGroupThatDoesNotAnswerSaysWhichGroupsDid() {
        CliRun run = send(GREET, "{\"name\":\"Ada\"}", "--read", "--from-group", "nobody", "--timeout", "3s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(run.err()).startsWith("error: no reply on topic " + GREET + " from consumer group nobody within 3 s: ")
                .contains("only entries of other consumer groups came").contains(GROUP)
                .doesNotContain("is a consumer listening");
    }

    @Test
    void anUnreachableBrokerIsReportedWithinSecondsNamingTheServers() {
        long start = System.nanoTime();
        CliRun run = CliRun.run("send", "--streams", "main=kafka://127.0.0.1:1", "--connect-timeout", "2s", GREET, "{}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: cannot send to topic " + GREET + ": no Kafka broker answered within"
                + " 2000 ms").contains("127.0.0.1:1").contains("--connect-timeout waits longer");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    private static CliRun send(String topic, String json, String... options) {
        List<String> args = new ArrayList<>(List.of("send", "--streams", streams, "--name", "cli_" + ID, topic, json));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }
}
