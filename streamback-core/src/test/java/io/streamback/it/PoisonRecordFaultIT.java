package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.kit;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.FeedbackException;
import io.streamback.Streamback;
import io.streamback.WorkerMode;
import io.streamback.testkit.Streams;
import io.streamback.testkit.StreambackTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record that kills every worker handling it (an {@link OutOfMemoryError} out of the listener)
 * is given up after two deaths, in both worker modes: the sender gets the error end marker, the
 * record goes to the dead-letter topic, is committed, and the message behind it is answered. In
 * process mode each death is a child JVM's, counted by the supervisor's ledger.
 */
@StreambackTest
@Tag("fault")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PoisonRecordFaultIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private Process app;

    @AfterEach
    void killApp() {
        if (app != null) {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
        }
    }

    @ParameterizedTest
    @EnumSource(WorkerMode.class)
    void aRecordThatKillsTwoWorkersIsGivenUpDeadLetteredAndPassed(WorkerMode mode, @Streams String streams)
            throws IOException {
        String topic = unique("poison");
        String deadLetters = unique("poison_dead");
        String keys = unique("poison_keys");
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        app = launch(streams, unique("poison_app"), topic, deadLetters, keys, mode);
        await().atMost(Duration.ofSeconds(60)).until(() -> redis.sync().get(keys + ":workers") != null);
        Streamback producer = closer.add(Streamback.create(unique("poison_producer"), streams));
        long started = System.nanoTime();

        assertThatThrownBy(() -> producer.send(topic, Map.of("poison", true), "k").read(Duration.ofSeconds(90)))
                .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.remoteError())
                        .startsWith("WorkerKilled(").contains("OutOfMemoryError").contains("the test's poison"));
        Object behind = producer.send(topic, Map.of("poison", false), "k").read(PATIENCE);

        int poisoned = Integer.parseInt(redis.sync().get(keys + ":poisoned"));
        int workers = Integer.parseInt(redis.sync().get(keys + ":workers"));
        List<ConsumerRecord<byte[], byte[]>> dead = ItSupport.readRaw(deadLetters, 1);
        System.out.printf("PoisonRecordFaultIT[%s]: workers killed=%d, workers started=%d, dead letters=%d,"
                + " message behind it=%s, %.1f s%n", mode, poisoned, workers, dead.size(), behind,
                (System.nanoTime() - started) / 1e9);
        assertThat(poisoned).as("workers the record killed before it was given up").isEqualTo(2);
        assertThat(workers).as("the first worker and the two that replaced the dead").isEqualTo(3);
        assertThat(behind).as("the message behind it").isEqualTo("ok");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"poison\":true");
        assertThat(new String(dead.get(0).headers().lastHeader("streamback.error").value(), StandardCharsets.UTF_8))
                .startsWith("WorkerKilled(");
    }

    private static Process launch(String streams, String name, String topic, String deadLetters, String keys,
            WorkerMode mode) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PoisonApp.class.getName(), streams, name, topic, deadLetters,
                kit().redis().uri(), keys, mode.name())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
