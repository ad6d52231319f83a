package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Health;
import io.streamback.Streamback;
import io.streamback.testkit.EmbeddedRedis;
import io.streamback.testkit.StreambackTestKit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code health()} against the embedded Kafka and a Redis the test owns: ready while both answer,
 * not ready (and still live) while Redis is stopped, ready again once it is back, not live once
 * closed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HealthIT {
    /** A check every 5 s, each server given 2 s: a change shows within about 7 s. */
    private static final Duration CHANGE_SHOWS = Duration.ofSeconds(20);

    @Test
    void readinessFollowsRedisAndLivenessTheWorkers() {
        StreambackTestKit kit = ItSupport.kit();
        EmbeddedRedis redis = EmbeddedRedis.start(0);
        int port = redis.port();
        String topic = unique("health");
        Streamback app = Streamback.create(unique("health_app"),
                "main=kafka://" + kit.kafka().bootstrapServers() + "&feedback=" + redis.uri());
        try {
            app.listen(topic, (context, message) -> message.respond("ok"));

            Health beforeStart = app.health();
            assertThat(beforeStart.liveness().up()).isTrue();
            assertThat(beforeStart.workerGroups()).isEmpty();

            app.startInBackground();
            await().atMost(CHANGE_SHOWS).untilAsserted(() -> {
                Health health = app.health();
                assertThat(health.healthy()).as(health.reason()).isTrue();
                assertThat(health.reason()).isEmpty();
                assertThat(health.mainStream().reachable()).isTrue();
                assertThat(health.mainStream().detail()).isEqualTo("1 broker");
                assertThat(health.feedbackStream()).isNotNull();
                assertThat(health.feedbackStream().detail()).isEqualTo("PONG");
                assertThat(health.workerGroups()).singleElement().satisfies(group -> {
                    assertThat(group.name()).isEqualTo("pool");
                    assertThat(group.workers()).isEqualTo(1);
                    assertThat(group.alive()).isTrue();
                    assertThat(group.lag()).isGreaterThanOrEqualTo(0);
                });
            });

            redis.close();
            await().atMost(CHANGE_SHOWS).untilAsserted(() -> {
                Health health = app.health();
                assertThat(health.readiness().up()).isFalse();
                assertThat(health.readiness().reason()).contains("the feedback stream redis://127.0.0.1:" + port)
                        .contains("cannot be reached");
                assertThat(health.feedbackStream().reachable()).isFalse();
                assertThat(health.mainStream().reachable()).isTrue();
                assertThat(health.liveness().up()).as("a server that is down is no reason to restart").isTrue();
                assertThat(health.reason()).isEqualTo(health.readiness().reason());
            });

            redis = EmbeddedRedis.start(port);
            await().atMost(CHANGE_SHOWS).untilAsserted(() -> assertThat(app.health().readiness().up()).isTrue());
        } finally {
            app.close();
            redis.close();
        }
        Health closed = app.health();
        assertThat(closed.liveness().up()).isFalse();
        assertThat(closed.liveness().reason()).contains("closed");
        assertThat(closed.readiness().up()).isFalse();
    }
}
