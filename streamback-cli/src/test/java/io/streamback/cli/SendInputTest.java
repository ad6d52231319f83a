package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Message;
import io.streamback.Streamback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send}'s input: stdin, a file, batches of lines, keys from templates; on the in-memory transport. */
class SendInputTest {
    private final String streams = "main=memory://input-" + UUID.randomUUID() + "&feedback=memory://input-"
            + UUID.randomUUID();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private Streamback consumer;

    @TempDir
    Path dir;

    @BeforeEach
    void startConsumer() {
        consumer = Streamback.create("replier", streams)
                .listen("log", (Message m) -> logged.add(m.key() + "=" + m.value() + m.headers()))
                .listen("greet", (Message m) -> m.respond("Hello, " + ((Map<?, ?>) m.value()).get("name") + "!"))
                .listen("count", (Message m) -> {
                    for (int i = 1; i <= (Integer) m.value(); i++) {
                        m.respond(i);
                    }
                })
                .listen("fail", (Message m) -> {
                    if (m.value().equals(2)) {
                        throw new IllegalStateException("two");
                    }
                    m.respond("ok " + m.value());
                })
                .startInBackground();
    }

    @AfterEach
    void stopConsumer() {
        consumer.close();
    }

    @Test
    void theMessageComesFromStdin() {
        CliRun run = CliRun.withStdin("{\"name\":\"Ada\"}\n", args("greet", "-", "--read"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("\"Hello, Ada!\"");
    }

    @Test
    void theMessageComesFromAFileWithAKeyFromItsFieldAndAHeader() throws Exception {
        Path file = dir.resolve("ada.json");
        Files.writeString(file, "{\n  \"id\": 7,\n  \"name\": \"Ada\"\n}\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run(args("log", "@" + file, "--key", "user-{id}", "--header", "trace=t1"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(logged).containsExactly("user-7={id=7, name=Ada}{trace=t1}"));
    }

    @Test
    void aMissingFileOrEmptyStdinIsAUsageError() {
        CliRun missing = CliRun.run(args("log", "@" + dir.resolve("nope.json")));
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).startsWith("error: no such file: ");

        CliRun empty = CliRun.withStdin("  \n", args("log", "-"));
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).startsWith("error: stdin is empty");

        CliRun twoValues = CliRun.withStdin("1\n2\n", args("log", "-"));
        assertThat(twoValues.exitCode()).as(twoValues.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(twoValues.err()).startsWith("error: stdin: ").contains("there is more after the first value")
                .contains("--lines");
    }

    @Test
    void linesSendsOneMessagePerLineWithKeysFromAField() {
        CliRun run = CliRun.withStdin("{\"id\":1}\n\n{\"id\":2}\n{\"id\":3}\n", args("log", "-", "--lines", "--key", "{id}"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged)
                .containsExactly("1={id=1}{}", "2={id=2}{}", "3={id=3}{}"));
    }

    @Test
    void aMissingKeyFieldNamesTheLine() {
        CliRun run = CliRun.withStdin("{\"id\":1}\n{\"name\":\"x\"}\n", args("log", "-", "--lines", "--key", "{id}"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: line 2: the key template '{id}' names field 'id'");
    }

    @Test
    void aLineThatIsNotJsonStopsTheBatchWithExit2() {
        CliRun run = CliRun.withStdin("1\nnope\n3\n", args("log", "-", "--lines"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: line 2 of stdin: 'nope' is not valid JSON");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logged).containsExactly("null=1{}"));
    }

    @Test
    void readPerLinePrintsEachReplyTaggedWithItsRequestInInputOrder() {
        CliRun run = CliRun.withStdin("{\"name\":\"Ada\"}\n{\"name\":\"Bob\"}\n",
                args("greet", "-", "--lines", "--read", "--in-flight", "2"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "{\"line\":1,\"request\":{\"name\":\"Ada\"},\"reply\":\"Hello, Ada!\"}",
                "{\"line\":2,\"request\":{\"name\":\"Bob\"},\"reply\":\"Hello, Bob!\"}");
    }

    @Test
    void streamPerLinePrintsEveryReply() {
        CliRun run = CliRun.withStdin("2\n1\n", args("count", "-", "--lines", "--stream", "--key", "n{.}"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "{\"line\":1,\"key\":\"n2\",\"request\":2,\"reply\":1}",
                "{\"line\":1,\"key\":\"n2\",\"request\":2,\"reply\":2}",
                "{\"line\":2,\"key\":\"n1\",\"request\":1,\"reply\":1}");
    }

    @Test
    void aFailedMessageOfABatchIsReportedAndTheOthersGoOn() {
        CliRun run = CliRun.withStdin("1\n2\n3\n", args("fail", "-", "--lines", "--read"));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REMOTE_ERROR);
        assertThat(run.out().lines()).containsExactly(
                "{\"line\":1,\"request\":1,\"reply\":\"ok 1\"}",
                "{\"line\":3,\"request\":3,\"reply\":\"ok 3\"}");
        assertThat(run.err().lines()).containsExactly("error: line 2: consumer group replier answered the message on"
                + " topic fail with an error: IllegalStateException('two')");
    }

    private String[] args(String topic, String json, String... options) {
        List<String> args = new ArrayList<>(List.of("send", "--streams", streams, "--name", "cli", topic, json));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }
}
