package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.kit;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.Context;
import io.streamback.FeedbackException;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.ProcessingTimeout;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import io.streamback.testkit.Streams;
import io.streamback.testkit.StreambackTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listeners that never return: with a processing timeout the record fails (and is retried on a
 * fresh instance) while the worker goes on; without one, SIGTERM still ends the JVM within the
 * shutdown timeout, and the record is handled by the group's next consumer.
 */
@StreambackTest
@Tag("fault")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HungListenerFaultIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private final CountDownLatch release = new CountDownLatch(1);
    private Process app;

    @AfterEach
    void cleanUp() {
        release.countDown();
        if (app != null) {
            app.destroyForcibly();
        }
    }

    /** Hangs, ignoring interrupts, on its instance's first message {@code hang}; answers with its instance number. */
    final class HangsOnce extends Listener {
        private final int instance;
        private boolean hungBefore;

        HangsOnce(int instance) {
            this.instance = instance;
        }

        @Override
        public void consume(Context context, Message message) throws InterruptedException {
            if ("hang".equals(message.value()) && !hungBefore && instance == 1) {
                hungBefore = true;
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        // a hung listener ignores it
                    }
                }
            }
            message.respond("instance " + instance);
        }
    }

    @Test
    void aCallPastItsTimeoutFailsIsRetriedOnAFreshInstanceAndTheWorkerGoesOn(@Streams String streams) {
        String retried = unique("hung_retried");
        String failing = unique("hung_failing");
        AtomicInteger instances = new AtomicInteger();
        Streamback consumer = closer.add(Streamback.builder(unique("hung_consumer")).streams(streams)
                .processingTimeout(Duration.ofSeconds(1)).build());
        consumer.listen(retried, RetryStrategy.times(1).interval(Duration.ZERO),
                () -> new HangsOnce(instances.incrementAndGet()));
        consumer.listen(failing, ProcessingTimeout.of(Duration.ofMillis(500)), message -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // ignored
                }
            }
        });
        consumer.startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("hung_producer"), streams));
        long started = System.nanoTime();

        Object reply = producer.send(retried, "hang").read(PATIENCE);
        Object behind = producer.send(retried, "next").read(PATIENCE);
        assertThatThrownBy(() -> producer.send(failing, "hang").read(PATIENCE))
                .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.remoteError())
                        .contains("ListenerTimeoutException").contains("500 ms"));
        Object afterFailure = producer.send(retried, "after").read(PATIENCE);
        System.out.printf("HungListenerFaultIT[timeout]: reply after the timeout=%s, behind it=%s, after a"
                + " timed-out record=%s, listener instances=%d, %.1f s%n", reply, behind, afterFailure,
                instances.get(), (System.nanoTime() - started) / 1e9);
        assertThat(reply).as("the retry, on a fresh instance").isEqualTo("instance 2");
        assertThat(behind).isEqualTo("instance 2");
        assertThat(afterFailure).isEqualTo("instance 2");
    }

    @Test
    void sigtermEndsTheJvmWithinTheShutdownTimeoutWhenAListenerNeverReturns(@Streams String streams)
            throws Exception {
        String topic = unique("hung_forever");
        String group = unique("hung_forever_app");
        String keys = unique("hung_forever_keys");
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(group + ".log");
        app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HungListenerApp.class.getName(), streams, group, topic, kit().redis().uri(), keys)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Streamback producer = closer.add(Streamback.create(unique("hung_forever_producer"), streams));
        producer.sendOneWay(topic, Map.of("id", 1)).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> redis.sync().get(keys + ":entered") != null);

        long sigterm = System.nanoTime();
        app.destroy();
        boolean exited = app.waitFor(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - sigterm) / 1e9;
        AtomicInteger handledAfter = new AtomicInteger();
        Streamback next = closer.add(Streamback.builder(group).streams(streams).build());
        next.listen(topic, message -> handledAfter.incrementAndGet()).startInBackground();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(handledAfter).hasValue(1));
        System.out.printf("HungListenerFaultIT[no timeout]: exited after SIGTERM=%s in %.1f s (shutdown timeout"
                + " 2 s), exit code=%d, handled by the next consumer=%d%n", exited, seconds,
                exited ? app.exitValue() : -1, handledAfter.get());
        assertThat(exited).as("the JVM ended after SIGTERM although its listener never returns").isTrue();
        assertThat(app.exitValue()).isEqualTo(143);
    }
}
