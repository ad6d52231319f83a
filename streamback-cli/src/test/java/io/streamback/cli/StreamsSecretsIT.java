package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.streamback.InvalidStreamsException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Every streams-string form with a password, valid or not, through the library and the CLI: the
 * password (as written, percent-decoded, and each word of it) shows in no {@code toString}, no
 * exception message or cause, no line on stdout or stderr and no log line. The valid forms point
 * at the embedded servers, so the Kafka and Redis clients really try to log in (and fail: the
 * servers have no passwords) and write their own log lines.
 */
class StreamsSecretsIT {
    /** {@code {K}} and {@code {R}} stand for the embedded Kafka's and Redis' host:port. */
    static Stream<Arguments> forms() {
        return Stream.of(
                // valid: password as written, as parsed
                valid("main=kafka://user@Pw7q:Zx9k:{K}", "Pw7q:Zx9k"),
                valid("main=kafka://user@Pw7q@Zx9k:{K}&feedback=redis://{R}", "Pw7q@Zx9k"),
                valid("main=kafka://user@Pw7q&Zx9k:{K}&feedback=redis://{R}", "Pw7q&Zx9k"),
                valid("main=kafka://user@Pw7q/Zx9k:{K}", "Pw7q/Zx9k"),
                valid("main=kafka://user@Pw7q Zx9k:{K}", "Pw7q Zx9k"),
                valid("main=kafka://user@Pw7q,Zx9k:{K},{K}", "Pw7q,Zx9k"),
                valid("main=kafka://us/er@Pw7qZx9k:{K}", "Pw7qZx9k"),
                valid("main=kafka://us%40er@Pw7qZx9k:{K}", "Pw7qZx9k"),
                valid("main=kafka://user@Pw7q%25Zx9k:{K}", "Pw7q%25Zx9k"),
                valid("main=kafka://user@Pw7q%3AZx9k%40Mn4v%26:{K}", "Pw7q%3AZx9k%40Mn4v%26"),
                valid("main=kafka://user@Pw7q%Zx9k:{K}", "Pw7q%Zx9k"),
                valid("main=kafka://user@Pässwörd€🔑Zx9k:{K}", "Pässwörd€🔑Zx9k"),
                valid("main=kafka://user@Pw7q'\"\\Zx9k:{K}&feedback=redis://{R}", "Pw7q'\"\\Zx9k"),
                valid("main=kafka://{K}&feedback=redis://:Pw7q Zx9k@{R}", "Pw7q Zx9k"),
                valid("main=kafka://{K}&feedback=redis://app:Pw7q:Zx9k@{R}", "Pw7q:Zx9k"),
                valid("main=kafka://{K}&feedback=redis://app:Pw7q@Zx9k@{R}", "Pw7q@Zx9k"),
                valid("main=kafka://{K}&feedback=redis://app:Pw7q&Zx9k@{R}", "Pw7q&Zx9k"),
                valid("main=kafka://{K}&feedback=redis://app:Pw7q/Zx9k?Mn4v#Qr2s@{R}/1", "Pw7q/Zx9k?Mn4v#Qr2s"),
                valid("main=kafka://{K}&feedback=redis://app:Pw7q%25%40Zx9k@{R}", "Pw7q%25%40Zx9k"),
                valid("main=kafka://{K}&feedback=redis://:Pässwörd🔑Zx9k@{R}", "Pässwörd🔑Zx9k"),
                valid("main=kafka://{K}&feedback=redis://Pw7qZx9k@{R}", "Pw7qZx9k"),
                valid("main=kafka://{K}&feedback=redis://a%3Ab:Pw7q%3AZx9k@{R}", "Pw7q%3AZx9k"),
                valid("main=kafka://user@Pw7q:Zx9k:{K}&feedback=redis://u:Pw7q:Zx9k@{R}&group=g", "Pw7q:Zx9k"),
                // invalid: each must fail with a message that does not show the password
                invalid("main=kafka://user@Pw7qZx9k", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7qZx9k&feedback=redis://{R}", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7q:Zx9k", "Pw7q:Zx9k"),
                invalid("main=kafka://user:Pw7qZx9k@{K}", "Pw7qZx9k"),
                invalid("main=kafka://:Pw7qZx9k@{K}", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7qZx9k:127.0.0.1:99999", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7qZx9k:127.0.0.1:x", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7q&Zx9k=Mn4v:{K}", "Pw7q&Zx9k=Mn4v"),
                invalid("main=kafka://user@Pw7q&Zx9k", "Pw7q&Zx9k"),
                invalid("main=kafka://user@Pw7qZx9k:{K}&bogus=1", "Pw7qZx9k"),
                invalid("main=http://:Pw7qZx9k@x:1", "Pw7qZx9k"),
                invalid("main=KAFKA://user@Pw7qZx9k:{K}", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=http://:Pw7qZx9k@x", "Pw7qZx9k"),
                invalid("main=user@Pw7qZx9k:{K}", "Pw7qZx9k"),
                invalid("feedback=redis://u:Pw7qZx9k@{R}", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7q Zx9k@{R}/x", "Pw7q Zx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7qZx9k@127.0.0.1:x", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7qZx9k@", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://:Pw7qZx9k", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://:Pw7q&Zx9k", "Pw7q&Zx9k"),
                invalid("main=kafka://{K}&feedback=redis://:Pw7q&Zx9k=Mn4v@{R}", "Pw7q&Zx9k=Mn4v"),
                invalid("main=kafka://{K}&feedback=redis-sentinel://u:Pw7qZx9k@{R}", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis-cluster://u:Pw7q Zx9k@{R}/2", "Pw7q Zx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7qZx9k@{R}?x=1", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7qZx9k@{R}x", "Pw7qZx9k"),
                invalid("main=kafka://{K}&feedback=redis://u:Pw7qZx9k@{R}&feedback=redis://{R}", "Pw7qZx9k"),
                invalid("main=kafka://user@Pw7qZx9k:{K}&topics_prefix=", "Pw7qZx9k"));
    }

    private static String kafka;
    private static String redis;

    @BeforeAll
    static void servers() {
        StreambackTestKit kit = StreambackTestKit.shared();
        kafka = kit.kafka().bootstrapServers();
        redis = "127.0.0.1:" + kit.redis().port();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void thePasswordShowsNowhere(String form, String password, boolean valid) {
        String streams = form.replace("{K}", kafka).replace("{R}", redis);
        Set<String> secrets = secrets(password);
        List<String> seen = new ArrayList<>();
        String finalStreams = streams;

        String logs = capturingLogs(() -> {
            if (valid) {
                try (Streamback streamback = Streamback.create("secrets_" + UUID.randomUUID(), finalStreams)) {
                    seen.add(streamback.toString());
                    seen.add(streamback.config().toString());
                    seen.add(streamback.config().streamsString());
                }
                try (Streamback streamback = Streamback.builder("secrets_built").streams(finalStreams).build()) {
                    seen.add(streamback.toString());
                }
            } else {
                try (Streamback streamback = Streamback.create("secrets_app", finalStreams)) {
                    fail("built " + streamback + " from an invalid streams string");
                } catch (InvalidStreamsException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        seen.add(String.valueOf(t.getMessage()));
                        seen.add(t.toString());
                    }
                }
            }
            // --read waits on Redis, so both clients try their passwords; --timeout bounds the tries.
            CliRun run = CliRun.run("send", "--streams", finalStreams, "--name", "secrets_cli", "secrets_topic",
                    "{\"n\":1}", "--read", "--timeout", "2s");
            seen.add(run.out());
            seen.add(run.err());
            if (!valid) {
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
                assertThat(run.err()).as("the error names what was wrong").startsWith("error: invalid streams string: ");
            }
            // A streams string given to a mistyped option, or as a stray argument, is echoed by picocli.
            seen.add(CliRun.run("send", "--streamz=" + finalStreams, "--name", "x", "t", "1").toString());
            seen.add(CliRun.run("send", "--streams", "memory://", "--name", "x", "t", "1", finalStreams).toString());
        });
        seen.add(logs);

        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).as("text seen for %s", streams).doesNotContain(secret);
            }
        }
    }

    @Test
    void logLinesAreCapturedBySwappingSystemErr() {
        String marker = "capture-check-" + UUID.randomUUID();
        String logs = capturingLogs(() -> LoggerFactory.getLogger(StreamsSecretsIT.class).warn(marker));
        assertThat(logs).contains(marker);
    }

    /** The password as written, percent-decoded, and each run of 4 or more letters and digits of it. */
    private static Set<String> secrets(String password) {
        Set<String> secrets = new LinkedHashSet<>();
        secrets.add(password);
        secrets.add(URLDecoder.decode(password.replace("+", "%2B").replaceAll("%(?![0-9A-Fa-f]{2})", "%25"),
                StandardCharsets.UTF_8));
        Arrays.stream(password.split("[^\\p{L}\\p{N}]+")).filter(word -> word.length() >= 4).forEach(secrets::add);
        return secrets;
    }

    /** Runs {@code action} with System.err and System.out captured; slf4j-simple looks System.err up at each line. */
    private static String capturingLogs(Runnable action) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            action.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Arguments valid(String form, String password) {
        return Arguments.of(form, password, true);
    }

    private static Arguments invalid(String form, String password) {
        return Arguments.of(form, password, false);
    }
}
