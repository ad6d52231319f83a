package io.streamback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Router;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Streamback's liveness and readiness in Actuator's health endpoint, and when they are not there. */
class StreambackHealthAutoConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String streams = "main=memory://" + UUID.randomUUID() + "&feedback=memory://" + UUID.randomUUID();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StreambackAutoConfiguration.class,
                    StreambackListenersAutoConfiguration.class, StreambackHealthAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
            .withPropertyValues("streamback.name=orders");

    @Test
    void livenessAndReadinessAreUpWithTheirDetails() {
        runner.withPropertyValues("streamback.streams=" + streams)
                .withBean(Router.class, () -> new Router().listen("pings", (ctx, message) -> message.respond("pong")))
                .run(context -> {
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                    await().atMost(WAIT).until(() -> !context.getBean(Streamback.class).health().workerGroups().isEmpty());

                    Health liveness = (Health) endpoint.healthForPath("streamback", "liveness");
                    Health readiness = (Health) endpoint.healthForPath("streamback", "readiness");

                    assertThat(endpoint.healthForPath("streamback").getStatus()).isEqualTo(Status.UP);
                    assertThat(liveness.getStatus()).isEqualTo(Status.UP);
                    assertThat(liveness.getDetails()).doesNotContainKey("reason");
                    Map<String, Object> groups = map(liveness.getDetails().get("workerGroups"));
                    assertThat(groups).containsOnlyKeys("pool");
                    assertThat(map(groups.get("pool"))).containsEntry("topics", List.of("pings"))
                            .containsEntry("workers", 1).containsEntry("desired", 1).containsKey("lag");
                    assertThat(readiness.getStatus()).isEqualTo(Status.UP);
                    assertThat(readiness.getDetails()).containsKeys("checkedAt", "mainStream", "feedbackStream");
                    assertThat(map(readiness.getDetails().get("mainStream"))).containsEntry("reachable", true)
                            .containsKeys("address", "detail");
                });
    }

    @Test
    void unreachableServersMakeReadinessDownWithTheReasonButNotLiveness() {
        runner.withPropertyValues("streamback.streams=main=kafka://127.0.0.1:1&feedback=redis://127.0.0.1:1",
                "streamback.auto-startup=false").run(context -> {
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);

                    await().atMost(WAIT).untilAsserted(() -> assertThat(
                            endpoint.healthForPath("streamback", "readiness").getStatus()).isEqualTo(Status.DOWN));
                    Health readiness = (Health) endpoint.healthForPath("streamback", "readiness");

                    assertThat((String) readiness.getDetails().get("reason"))
                            .contains("the main stream kafka://127.0.0.1:1 cannot be reached")
                            .contains("the feedback stream redis://127.0.0.1:1 cannot be reached");
                    assertThat(map(readiness.getDetails().get("feedbackStream")))
                            .containsEntry("reachable", false);
                    assertThat(endpoint.healthForPath("streamback", "liveness").getStatus()).isEqualTo(Status.UP);
                    assertThat(endpoint.healthForPath("streamback").getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void aClosedInstanceIsNotAlive() {
        runner.withPropertyValues("streamback.streams=" + streams).run(context -> {
            context.getBean(Streamback.class).close();

            Health liveness = (Health) context.getBean(HealthEndpoint.class).healthForPath("streamback", "liveness");

            assertThat(liveness.getStatus()).isEqualTo(Status.DOWN);
            assertThat(liveness.getDetails()).containsEntry("reason", "streamback 'orders' is closed");
        });
    }

    @Test
    void theProbeGroupsTakeTheirComponent() {
        runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
                .withPropertyValues("streamback.streams=" + streams, "management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.group.liveness.include=livenessState,streamback/liveness",
                        "management.endpoint.health.group.readiness.include=readinessState,streamback/readiness")
                .run(context -> {
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);

                    CompositeHealth readiness = (CompositeHealth) endpoint.healthForPath("readiness");
                    CompositeHealth liveness = (CompositeHealth) endpoint.healthForPath("liveness");

                    assertThat(readiness.getComponents()).containsOnlyKeys("readinessState", "streamback");
                    assertThat(((CompositeHealth) readiness.getComponents().get("streamback")).getComponents())
                            .containsOnlyKeys("readiness");
                    assertThat(((CompositeHealth) liveness.getComponents().get("streamback")).getComponents())
                            .containsOnlyKeys("liveness");
                    assertThat(readiness.getComponents().get("streamback").getStatus()).isEqualTo(Status.UP);
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object details) {
        return (Map<String, Object>) details;
    }

    @Test
    void turnedOffByProperty() {
        runner.withPropertyValues("streamback.streams=" + streams, "management.health.streamback.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("streambackHealthContributor"));
    }

    @Test
    void withoutActuatorOnTheClasspathThereIsNoContributor() {
        runner.withPropertyValues("streamback.streams=" + streams)
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(Streamback.class)
                        .doesNotHaveBean("streambackHealthContributor"));
    }
}
