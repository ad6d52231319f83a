package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Message;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code send} against consumers on the in-memory transport. */
class SendCommandTest {
    private final String streams = "main=memory://send-" + UUID.randomUUID() + "&feedback=memory://send-"
            + UUID.randomUUID();
    private final List<Object> logged = new CopyOnWriteArrayList<>();
    private Streamback replier;
    private Streamback other;

    @BeforeEach
    void startConsumers() {
        replier = Streamback.create("replier", streams)
                .listen("greet", (Message m) -> m.respond("Hello, " + ((Map<?, ?>) m.value()).get("name") + "!"))
                .listen("count", (Message m) -> {
                    for (int i = 1; i <= (Integer) m.value(); i++) {
                        m.respond(Map.of("n", i));
                    }
                })
                .listen("fail", (Message m) -> {
                    throw new IllegalStateException("no " + m.value());
                })
                .listen("silent", (Message m) -> { })
                .listen("nothing", (Message m) -> m.respond(null))
                .listen("log", (Message m) -> logged.add(m.key() + "=" + m.value()))
                .startInBackground();
        other = Streamback.create("other", streams)
                .listen("greet", (Message m) -> m.respond("Hi from other"))
                .startInBackground();
    }

    @AfterEach
    void stopConsumers() {
        replier.close();
        other.close();
    }

    @Test
    void oneWaySendReturnsOnceSentAndPrintsNothing() {
        CliRun run = send("log", "[1,2]", "--key", "k1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged).containsExactly("k1=[1, 2]"));
    }

    @Test
    void readPrintsTheFirstReplyAsJson() {
        CliRun run = send("greet", "{\"name\":\"Ada\"}", "--read", "--from-group", "replier");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("\"Hello, Ada!\"" + System.lineSeparator());
    }

    @Test
    void streamPrintsEveryReplyOfOneGroupUntilItsEndMarker() {
        CliRun run = send("count", "3", "--stream");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

        CliRun fromOther = send("greet", "{\"name\":\"Bob\"}", "--stream", "--from-group", "other");
        assertThat(fromOther.exitCode()).as(fromOther.toString()).isZero();
        assertThat(fromOther.out().lines()).containsExactly("\"Hi from other\"");
    }

    @Test
    void aNullReplyIsPrintedAsNull() {
        CliRun run = send("nothing", "null", "--read");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("null");
    }

    @Test
    void readFailsWhenTheStreamEndsWithoutAReply() {
        CliRun run = send("silent", "1", "--read", "--from-group", "replier");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: no reply on topic silent: consumer group replier ended without replying");

        CliRun anyGroup = send("silent", "1", "--read", "--timeout", "300ms");
        assertThat(anyGroup.exitCode()).as("another group may still reply: it waits its timeout, %s", anyGroup)
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(anyGroup.err()).contains("no reply on topic silent: consumer group replier ended without replying")
                .contains("no other group replied within 300 ms");
    }

    @Test
    void aRemoteErrorExitsWith3AndPrintsTheRemoteText() {
        CliRun run = send("fail", "\"luck\"", "--read");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REMOTE_ERROR);
        assertThat(run.err()).isEqualTo("error: consumer group replier answered the message on topic fail with an error:"
                + " IllegalStateException('no luck')" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void silenceExitsWith4() {
        CliRun run = send("nobody_listens", "{}", "--stream", "--timeout", "200ms");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(run.err()).startsWith("error: no reply on topic nobody_listens within 200 ms: ")
                .contains("(feedback key streamback_feedback_");
    }

    private CliRun send(String topic, String json, String... options) {
        List<String> args = new ArrayList<>(List.of("send", "--streams", streams, "--name", "cli", topic, json));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }
}
