package io.streamback.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamback.FeedbackException;
import io.streamback.FeedbackTimeoutException;
import io.streamback.RetryStrategy;
import io.streamback.SendOptions;
import io.streamback.Streamback;
import io.streamback.WorkerGroupSnapshot;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meters after real traffic on the embedded Kafka and Redis: RPCs, a stream, a failing listener
 * (dead-lettered), a retry, a read that times out and a request past its deadline, read back from a
 * {@link SimpleMeterRegistry} as a dashboard would.
 */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String rpc = "m_rpc_" + id;
    private final String stream = "m_stream_" + id;
    private final String failing = "m_fail_" + id;
    private final String flaky = "m_flaky_" + id;
    private final String nobody = "m_nobody_" + id;
    private final String consumerName = "m_consumer_" + id;
    private final String callerName = "m_caller_" + id;

    @Test
    void countsWhatTheCallerAndTheConsumerDid(@Streams String streams) {
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger flakyCalls = new AtomicInteger();
        try (Streamback consumer = Streamback.builder(consumerName).streams(streams)
                .observe(StreambackMetrics.of(registry)).build();
                Streamback caller = Streamback.builder(callerName).streams(streams)
                        .observe(StreambackMetrics.builder(registry).kafkaClientMetrics(true).lettuceMetrics(true)
                                .build())
                        .build()) {
            consumer.listen(rpc, (context, message) -> message.respond(message.value()));
            consumer.listen(stream, (context, message) -> {
                for (int i = 0; i < 3; i++) {
                    message.respond(i);
                }
            });
            consumer.listen(failing, RetryStrategy.none().deadLetterTopic(failing + "_dead"), (context, message) -> {
                throw new IllegalStateException("boom");
            });
            consumer.listen(flaky, RetryStrategy.times(2).interval(Duration.ofMillis(100)), (context, message) -> {
                if (flakyCalls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first call fails");
                }
                message.respond("second time lucky");
            });
            consumer.startInBackground();

            for (int i = 0; i < 3; i++) {
                assertThat(caller.send(rpc, Map.of("n", i)).read(WAIT)).isEqualTo(Map.of("n", i));
            }
            List<Object> replies = new ArrayList<>();
            caller.send(stream, "go").stream(WAIT).forEach(replies::add);
            assertThat(replies).containsExactly(0, 1, 2);
            assertThatThrownBy(() -> caller.send(failing, "x").read(WAIT)).isInstanceOf(FeedbackException.class);
            assertThat(caller.send(flaky, "x").read(WAIT)).isEqualTo("second time lucky");
            assertThatThrownBy(() -> caller.send(nobody, "x").read(Duration.ofMillis(1500)))
                    .isInstanceOf(FeedbackTimeoutException.class);
            assertThatThrownBy(() -> caller.send(rpc, "late",
                    SendOptions.defaults().deadline(Instant.now().minusSeconds(5))).read(WAIT))
                    .isInstanceOf(FeedbackException.class).hasMessageContaining("DeadlineExceeded");

            await().atMost(WAIT).untilAsserted(() -> {
                // the caller's side
                assertThat(count(registry, "streamback.requests", callerName, "topic", rpc, "result", "sent"))
                        .isEqualTo(4);
                assertThat(timerCount(registry, "streamback.rpc.first.reply", callerName, "topic", rpc,
                        "group", consumerName)).isEqualTo(3);
                assertThat(count(registry, "streamback.rpc.replies", callerName, "topic", stream)).isEqualTo(3);
                assertThat(timerCount(registry, "streamback.rpc.first.reply", callerName, "topic", stream))
                        .isEqualTo(1);
                assertThat(timerCount(registry, "streamback.rpc.end", callerName, "topic", stream, "result", "ok"))
                        .isEqualTo(1);
                assertThat(count(registry, "streamback.rpc.remote.errors", callerName, "topic", failing))
                        .isEqualTo(1);
                assertThat(timerCount(registry, "streamback.rpc.end", callerName, "topic", failing,
                        "result", "error")).isEqualTo(1);
                assertThat(count(registry, "streamback.rpc.timeouts", callerName, "topic", nobody)).isEqualTo(1);
                assertThat(count(registry, "streamback.rpc.expired", callerName, "topic", rpc)).isEqualTo(1);
                assertThat(count(registry, "streamback.rpc.remote.errors", callerName, "topic", rpc)).isZero();

                // the consumer's side
                assertThat(count(registry, "streamback.records.processed", consumerName, "topic", rpc)).isEqualTo(4);
                assertThat(count(registry, "streamback.records.expired", consumerName, "topic", rpc)).isEqualTo(1);
                assertThat(count(registry, "streamback.records.failed", consumerName, "topic", failing))
                        .isEqualTo(1);
                assertThat(count(registry, "streamback.records.dead.lettered", consumerName, "topic", failing))
                        .isEqualTo(1);
                assertThat(count(registry, "streamback.listener.retries", consumerName, "topic", flaky))
                        .isEqualTo(1);
                assertThat(timerCount(registry, "streamback.listener.duration", consumerName, "topic", flaky,
                        "result", "retry")).isEqualTo(1);
                assertThat(timerCount(registry, "streamback.listener.duration", consumerName, "topic", flaky,
                        "result", "success")).isEqualTo(1);
                assertThat(count(registry, "streamback.records.failed", consumerName, "topic", flaky)).isZero();
                assertThat(gauge(registry, "streamback.workers", consumerName, "worker.group", "pool")).isEqualTo(1);
                assertThat(gauge(registry, "streamback.rpc.reads.waiting", callerName)).isZero();
                assertThat(gauge(registry, "streamback.feedback.writes.outstanding", consumerName)).isZero();
            });

            // ListenerStats and snapshot() read the same numbers as the meters
            WorkerGroupSnapshot pool = consumer.snapshot().groups().get(0);
            assertThat(pool.processed()).isEqualTo((long) count(registry, "streamback.records.processed",
                    consumerName));
            assertThat(pool.failed()).isEqualTo((long) count(registry, "streamback.records.failed", consumerName));

            // the clients' own metrics, asked for by the caller only
            assertThat(names(registry, callerName)).anyMatch(name -> name.startsWith("kafka.producer."))
                    .anyMatch(name -> name.startsWith("lettuce.command."));
            assertThat(names(registry, consumerName)).noneMatch(name -> name.startsWith("kafka."))
                    .noneMatch(name -> name.startsWith("lettuce."));

            consumer.close();
            assertThat(registry.find("streamback.workers").tag("application", consumerName).gauges())
                    .as("gauges of a closed instance are removed").isEmpty();
        }
    }

    /** The sum of the counters named {@code name} of {@code application} with the tags {@code more}. */
    private static double count(MeterRegistry registry, String name, String application, String... more) {
        return registry.find(name).tag("application", application).tags(more).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static long timerCount(MeterRegistry registry, String name, String application, String... more) {
        return registry.find(name).tag("application", application).tags(more).timers().stream()
                .mapToLong(timer -> timer.count()).sum();
    }

    private static double gauge(MeterRegistry registry, String name, String application, String... more) {
        return registry.get(name).tag("application", application).tags(more).gauge().value();
    }

    private static List<String> names(MeterRegistry registry, String application) {
        return registry.getMeters().stream()
                .filter(meter -> application.equals(meter.getId().getTag("application")))
                .map(Meter::getId).map(Meter.Id::getName).toList();
    }
}
