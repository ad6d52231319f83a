package io.streamback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamback.Router;
import io.streamback.Streamback;
import io.streamback.micrometer.StreambackMetrics;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The instance's meters in the application's registry, and when they are not; memory streams. */
class StreambackMetricsAutoConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String streams = "main=memory://" + UUID.randomUUID() + "&feedback=memory://" + UUID.randomUUID();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StreambackAutoConfiguration.class,
                    StreambackListenersAutoConfiguration.class, StreambackMetricsAutoConfiguration.class))
            .withPropertyValues("streamback.name=orders", "streamback.streams=" + streams);
    private final ApplicationContextRunner withActuator = runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class));

    @Test
    void anRpcIsCountedInActuatorsRegistryWithTheConfiguredTags() {
        withActuator.withPropertyValues("streamback.metrics.tags.region=eu-west-1")
                .withBean(Router.class, () -> new Router().listen("pings", (ctx, message) -> message.respond("pong")))
                .run(context -> {
                    Object reply = context.getBean(Streamback.class).send("pings", "ping").read(WAIT);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(reply).isEqualTo("pong");
                    // the observers hear of the reply and of the record just after the read and the listener return
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(registry.find("streamback.rpc.first.reply")
                                .tags("application", "orders", "topic", "pings", "region", "eu-west-1").timer())
                                .isNotNull().extracting(timer -> timer.count()).isEqualTo(1L);
                        assertThat(registry.find("streamback.records.processed")
                                .tags("topic", "pings", "region", "eu-west-1").counter())
                                .isNotNull().extracting(counter -> counter.count()).isEqualTo(1.0);
                    });
                });
    }

    @Test
    void anApplicationsOwnRegistryBeanIsUsedWithoutActuator() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> own).run(context -> {
            context.getBean(Streamback.class).sendOneWay("pings", "ping");

            // counted once the main stream took it, after sendOneWay returned
            await().atMost(WAIT).untilAsserted(() -> assertThat(own.find("streamback.requests")
                    .tags("topic", "pings", "result", "sent").counter()).isNotNull()
                    .extracting(counter -> counter.count()).isEqualTo(1.0));
        });
    }

    @Test
    void withoutARegistryNothingIsObserved() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean("streambackMetricsCustomizer");
            assertThat(context.getBean(Streamback.class).config().observers()).isEmpty();
        });
    }

    @Test
    void withoutStreambackMicrometerOnTheClasspathNothingIsObserved() {
        withActuator.withClassLoader(new FilteredClassLoader(StreambackMetrics.class)).run(context -> {
            assertThat(context).hasSingleBean(MeterRegistry.class).doesNotHaveBean("streambackMetricsCustomizer");
            assertThat(context.getBean(Streamback.class).config().observers()).isEmpty();
        });
    }

    @Test
    void turnedOffByProperty() {
        withActuator.withPropertyValues("streamback.metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("streambackMetricsCustomizer");
            assertThat(context.getBean(Streamback.class).config().observers()).isEmpty();
        });
    }

    @Test
    void anUnknownMetricsPropertyFailsTheStartNamingIt() {
        withActuator.withPropertyValues("streamback.metrics.kafka-metrics=true").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("streamback.metrics.kafka-metrics")
                        .hasStackTraceContaining("left unbound"));
    }
}
