package io.streamback.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamback.testkit.StreambackTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service, booted against the test kit's embedded Kafka and Redis, runs an RPC. */
@SpringBootTest
@DirtiesContext // closes the application before the JVM's exit stops the test servers
class GreeterApplicationIT {
    @DynamicPropertySource
    static void streams(DynamicPropertyRegistry registry) {
        registry.add("streamback.streams", () -> StreambackTestKit.shared().streams());
    }

    @Autowired
    GreetingClient client;

    @Autowired
    MeterRegistry registry;

    @Autowired
    HealthEndpoint health;

    @Test
    void theGreeterAnswersTheClientThroughKafkaAndRedis() {
        assertThat(client.greet("Ada")).isEqualTo("Hello, Ada!");
    }

    @Test
    void anRpcShowsInActuatorsMetersAndHealth() {
        long repliesBefore = firstReplies().count();
        double processedBefore = processed().count();

        assertThat(client.greet("Grace")).isEqualTo("Hello, Grace!");

        await().untilAsserted(() -> {
            assertThat(firstReplies().count()).isEqualTo(repliesBefore + 1);
            assertThat(processed().count()).isEqualTo(processedBefore + 1);
        });
        assertThat(registry.getMeters()).anySatisfy(meter -> assertThat(meter.getId().getName())
                .startsWith("kafka.producer."));
        assertThat(registry.find("lettuce.command.completion").timers()).isNotEmpty();

        Health readiness = (Health) health.healthForPath("streamback", "readiness");
        Health liveness = (Health) health.healthForPath("streamback", "liveness");
        assertThat(readiness.getStatus()).isEqualTo(Status.UP);
        assertThat(server(readiness, "mainStream")).containsEntry("reachable", true);
        assertThat(server(readiness, "feedbackStream")).containsEntry("reachable", true).containsEntry("detail", "PONG");
        assertThat(liveness.getStatus()).isEqualTo(Status.UP);
        assertThat(liveness.getDetails()).containsKey("workerGroups");
        assertThat(((CompositeHealth) health.healthForPath("readiness")).getComponents())
                .containsKeys("readinessState", "streamback");
    }

    private Timer firstReplies() {
        return registry.timer("streamback.rpc.first.reply", "application", "greeter", "topic", "greet", "group",
                "greeter");
    }

    private Counter processed() {
        return registry.counter("streamback.records.processed", "application", "greeter", "topic", "greet", "group",
                "greeter");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> server(Health readiness, String name) {
        return (Map<String, Object>) readiness.getDetails().get(name);
    }
}
