package io.streamback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.Callback;
import io.streamback.Context;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.StreambackConfig;
import io.streamback.WorkerMode;
import io.streamback.spring.boot.internal.InvalidPropertyFailureAnalyzer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Streamback bean as the properties, the mapper, customizers and callbacks make it; memory streams. */
class StreambackAutoConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String streams = "main=memory://" + UUID.randomUUID() + "&feedback=memory://" + UUID.randomUUID();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StreambackAutoConfiguration.class,
                    StreambackListenersAutoConfiguration.class))
            .withPropertyValues("streamback.streams=" + streams);

    @Test
    void everyPropertyReachesTheInstance() {
        runner.withPropertyValues("streamback.name=orders", "streamback.group=order-workers",
                "streamback.topics-prefix=dev", "streamback.kafka-properties.acks=all",
                "streamback.kafka-properties.max.poll.records=50", "streamback.send-block-timeout=2s",
                "streamback.feedback-timeout=10s", "streamback.default-deadlines=false", "streamback.feedback-ttl=5m",
                "streamback.feedback-write-timeout=PT20S", "streamback.max-pending-feedback-writes=100",
                "streamback.feedback-replicas=1", "streamback.shutdown-timeout=3s", "streamback.processing-timeout=1500ms",
                "streamback.pool-concurrency=3", "streamback.rescale-interval=2s", "streamback.min-worker-lifetime=20s",
                "streamback.only-topics=orders,refunds", "streamback.worker-mode=threads",
                "streamback.schedule-look-back=0s", "streamback.state-dir=/tmp/orders-state").run(context -> {
                    StreambackConfig config = context.getBean(Streamback.class).config();

                    assertThat(config.name()).isEqualTo("orders");
                    assertThat(config.streams()).isEqualTo(streams);
                    assertThat(config.group()).isEqualTo("order-workers");
                    assertThat(config.topicsPrefix()).isEqualTo("dev");
                    assertThat(config.kafkaProperties()).isEqualTo(Map.of("acks", "all", "max.poll.records", "50"));
                    assertThat(config.sendBlockTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.feedbackTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(config.defaultDeadlines()).isFalse();
                    assertThat(config.feedbackTtl()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(config.feedbackWriteTimeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(config.maxPendingFeedbackWrites()).isEqualTo(100);
                    assertThat(config.feedbackReplicas()).isEqualTo(1);
                    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.processingTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(config.poolConcurrency()).isEqualTo(3);
                    assertThat(config.rescaleInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.minWorkerLifetime()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(config.onlyTopics()).isEqualTo(Set.of("orders", "refunds"));
                    assertThat(config.workerMode()).isEqualTo(WorkerMode.THREADS);
                    assertThat(config.scheduleLookBack()).isZero();
                    assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/orders-state"));
                });
    }

    @Test
    void withoutOtherPropertiesEverySettingIsTheBuildersDefault() {
        runner.withPropertyValues("streamback.name=orders").run(context -> {
            try (Streamback plain = Streamback.builder("orders").streams(streams).build()) {
                assertThat(context.getBean(Streamback.class).config()).isEqualTo(plain.config());
            }
        });
    }

    @Test
    void theNameDefaultsToTheSpringApplicationName() {
        runner.withPropertyValues("spring.application.name=billing").run(context ->
                assertThat(context.getBean(Streamback.class).name()).isEqualTo("billing"));
    }

    @Test
    void aMissingNameFailsTheStartNamingBothProperties() {
        runner.run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOfSatisfying(InvalidStreambackPropertyException.class, e -> {
                    assertThat(e.property()).isEqualTo("streamback.name");
                    assertThat(e).hasMessageContaining("spring.application.name");
                }));
    }

    @Test
    void aMissingStreamsStringFailsTheStartNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StreambackAutoConfiguration.class))
                .withPropertyValues("streamback.name=orders").run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(InvalidStreambackPropertyException.class)
                        .hasMessageStartingWith("streamback.streams: not set"));
    }

    @Test
    void anInvalidStreamsStringFailsTheStartWithoutShowingItsPassword() {
        runner.withPropertyValues("streamback.name=orders",
                "streamback.streams=main=kafka://user@s3cret:kafka:9092&feedback=mysql://db:3306").run(context ->
                        assertThat(invalidProperty(context.getStartupFailure()))
                                .hasMessageStartingWith("streamback.streams: invalid streams string")
                                .hasMessageContaining("feedback stream 'mysql://db:3306'")
                                .message().doesNotContain("s3cret"));
    }

    @Test
    void aValueTheBuilderRefusesFailsTheStartNamingThePropertyAndTheValue() {
        runner.withPropertyValues("streamback.name=orders", "streamback.pool-concurrency=0").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(invalidProperty(failure)).hasMessage("streamback.pool-concurrency = '0': poolConcurrency must be at least 1, got 0");

            FailureAnalysis analysis = new InvalidPropertyFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("streamback.pool-concurrency = '0'");
            assertThat(analysis.getAction()).contains("Set streamback.pool-concurrency", "STREAMBACK_POOLCONCURRENCY");
        });
    }

    @Test
    void aValueOfTheWrongTypeFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("streamback.name=orders", "streamback.feedback-timeout=soon").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("streamback.feedback-timeout")
                        .hasStackTraceContaining("soon"));
        runner.withPropertyValues("streamback.name=orders", "streamback.worker-mode=forks").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("streamback.worker-mode")
                        .hasStackTraceContaining("forks"));
    }

    @Test
    void anUnknownPropertyFailsTheStartNamingIt() {
        runner.withPropertyValues("streamback.name=orders", "streamback.feedbak-timeout=10s").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("streamback.feedbak-timeout")
                        .hasStackTraceContaining("left unbound"));
    }

    @Test
    void theContextsObjectMapperIsTheInstancesUnlessTurnedOff() {
        ApplicationContextRunner withMapper = runner.withPropertyValues("streamback.name=orders")
                .withUserConfiguration(MapperConfig.class);

        withMapper.run(context -> assertThat(context.getBean(Streamback.class).config().objectMapper())
                .isSameAs(context.getBean(ObjectMapper.class)));
        withMapper.withPropertyValues("streamback.application-object-mapper=false").run(context ->
                assertThat(context.getBean(Streamback.class).config().objectMapper()).isNull());
    }

    @Test
    void customizersRunAfterThePropertiesInOrder() {
        ObjectMapper own = new ObjectMapper();
        runner.withPropertyValues("streamback.name=orders", "streamback.feedback-timeout=10s")
                .withUserConfiguration(MapperConfig.class)
                .withBean("first", StreambackBuilderCustomizer.class, () -> builder -> builder.objectMapper(own)
                        .feedbackTimeout(Duration.ofSeconds(20)))
                .run(context -> {
                    StreambackConfig config = context.getBean(Streamback.class).config();
                    assertThat(config.objectMapper()).isSameAs(own);
                    assertThat(config.feedbackTimeout()).isEqualTo(Duration.ofSeconds(20));
                });
    }

    @Test
    void callbackBeansSeeTheMessages() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onConsumeBegin(Streamback streamback, ListenerInfo listener, Context context, Message message) {
                seen.add(message.value());
            }
        };
        runner.withPropertyValues("streamback.name=orders")
                .withBean(Callback.class, () -> recorder)
                .withBean(io.streamback.Router.class, () -> new io.streamback.Router()
                        .listen("pings", (ctx, message) -> message.respond("pong")))
                .run(context -> {
                    Object reply = context.getBean(Streamback.class).send("pings", "ping").read(WAIT);

                    assertThat(reply).isEqualTo("pong");
                    assertThat(seen).containsExactly("ping");
                });
    }

    @Test
    void anApplicationsOwnStreambackBeanIsKept() {
        runner.withBean("mine", Streamback.class, () -> Streamback.create("mine", streams))
                .run(context -> assertThat(context).getBean(Streamback.class).extracting(Streamback::name)
                        .isEqualTo("mine"));
    }

    /** The exception the starter threw, out of the context's startup failure. */
    static InvalidStreambackPropertyException invalidProperty(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidStreambackPropertyException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidStreambackPropertyException in " + failure, failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class MapperConfig {
        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }
    }
}
