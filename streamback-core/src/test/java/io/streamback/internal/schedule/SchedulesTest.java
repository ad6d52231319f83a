package io.streamback.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.MemoryApps;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link Schedules} and {@link Streamback#schedule} on the in-memory transport. */
class SchedulesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    @TempDir
    Path stateDir;

    private Streamback app(String name, String streams) {
        return apps.track(Streamback.builder(name).streams(streams).stateDir(stateDir).build());
    }

    private Streamback app(String name) {
        return app(name, apps.streams());
    }

    @Test
    void anInvalidExpressionFailsAtOnce() {
        assertThatThrownBy(() -> app("app").schedule("report", "0 9 * * MONDAY", "make_report", null, "reports"))
                .isInstanceOf(StreambackException.class)
                .hasMessageContaining("\"0 9 * * MONDAY\"")
                .hasMessageContaining("expected 5 fields");
    }

    @Test
    void namesAreUnique() {
        Schedules schedules = Schedules.create();
        schedules.add("report", "0 9 * * *", "make_report", null, "");

        assertThatThrownBy(() -> schedules.add("report", "0 10 * * *", "other", null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'report'");
        assertThatThrownBy(() -> schedules.add(" ", "0 10 * * *", "other", null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(schedules.size()).isEqualTo(1);
    }

    @Test
    void schedulesAreAddedBeforeStart() {
        Streamback streamback = app("app").startInBackground();

        assertThatThrownBy(() -> streamback.schedule("report", "0 9 * * *", "make_report", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before start()");
    }

    @Test
    void startingTwiceRunsOneScheduler() {
        Schedules schedules = Schedules.create();
        apps.track(schedules);
        schedules.add("every_second", "* * * * * *", "tick", null, "");
        List<String> sent = new CopyOnWriteArrayList<>();
        Schedules.Sender sender = (topic, value) -> {
            sent.add(topic);
            return CompletableFuture.completedFuture(null);
        };
        TickClaims everything = new TickClaims() {
            @Override
            public boolean claim(String schedule, java.time.Instant tick) {
                return true;
            }

            @Override
            public String describe() {
                return "none";
            }
        };
        schedules.start("app", sender, everything, Duration.ZERO, java.time.Clock.systemUTC());
        schedules.start("app", sender, everything, Duration.ZERO, java.time.Clock.systemUTC());

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).hasSizeGreaterThanOrEqualTo(2));
        schedules.close();
        int count = sent.size();
        // two schedulers would send two messages a second
        assertThat(count).isLessThanOrEqualTo(4);
        await().during(Duration.ofMillis(1200)).atMost(WAIT).until(() -> sent.size() == count);
    }

    @Test
    void ticksReachTheListenerAndStopAtClose() {
        List<Message> received = new CopyOnWriteArrayList<>();
        app("consumer").listen("status_check", message -> {
            received.add(message);
        }).startInBackground();
        Streamback scheduling = app("scheduler")
                .schedule("check_status", "* * * * * *", "status_check", Map.of("something1", "hello there"),
                        "check the server status every second")
                .startInBackground();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSizeGreaterThanOrEqualTo(2));
        assertThat(received.get(0).value()).isEqualTo(Map.of("something1", "hello there"));
        assertThat(received.get(0).sourceGroup()).isEqualTo("scheduler");

        scheduling.close();
        int count = received.size();
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> received.size() <= count + 1);
    }

    @Test
    void withoutAFeedbackStreamTheStateFileRecordsTheTicks() {
        List<Message> received = new CopyOnWriteArrayList<>();
        String streams = "main=memory://" + apps.memoryName();
        app("consumer", streams).listen("status_check", message -> {
            received.add(message);
        }).startInBackground();
        app("solo", streams).schedule("check_status", "* * * * * *", "status_check", "ping").startInBackground();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSizeGreaterThanOrEqualTo(1));
        Path file = stateDir.resolve("schedule-solo.json");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(file)).contains("check_status"));
    }
}
