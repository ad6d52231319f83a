package io.streamback.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTickClaimsTest {
    private static final Instant TICK = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void aTickIsClaimedOnce() {
        FileTickClaims claims = FileTickClaims.open(stateDir, "app");

        assertThat(claims.claim("report", TICK)).isTrue();
        assertThat(claims.claim("report", TICK)).isFalse();
        assertThat(claims.claim("report", TICK.minusSeconds(60))).isFalse();
        assertThat(claims.claim("report", TICK.plusSeconds(60))).isTrue();
    }

    @Test
    void schedulesAreIndependent() {
        FileTickClaims claims = FileTickClaims.open(stateDir, "app");

        assertThat(claims.claim("a", TICK)).isTrue();
        assertThat(claims.claim("b", TICK)).isTrue();
    }

    @Test
    void theStateSurvivesANewInstance() throws IOException {
        assertThat(FileTickClaims.open(stateDir, "app").claim("report", TICK)).isTrue();

        FileTickClaims restarted = FileTickClaims.open(stateDir, "app");

        assertThat(restarted.claim("report", TICK)).isFalse();
        assertThat(restarted.claim("report", TICK.plusSeconds(1))).isTrue();
        assertThat(restarted.file()).isEqualTo(stateDir.resolve("schedule-app.json"));
        assertThat(Files.readString(restarted.file())).contains("\"report\"", "2024-05-01T12:00:01Z");
        try (Stream<Path> files = Files.list(stateDir)) {
            assertThat(files).containsExactly(restarted.file());
        }
    }

    @Test
    void eachApplicationHasItsOwnFile() {
        assertThat(FileTickClaims.open(stateDir, "app").claim("report", TICK)).isTrue();
        assertThat(FileTickClaims.open(stateDir, "other app/../x").claim("report", TICK)).isTrue();
        assertThat(FileTickClaims.open(stateDir, "other app/../x").file().getParent()).isEqualTo(stateDir);
    }

    @Test
    void theFolderIsCreated() {
        Path nested = stateDir.resolve("a/b");
        assertThat(FileTickClaims.open(nested, "app").claim("report", TICK)).isTrue();
        assertThat(nested.resolve("schedule-app.json")).exists();
    }

    @Test
    void anUnreadableFileStartsAfresh() throws IOException {
        Files.writeString(stateDir.resolve("schedule-app.json"), "{not json");

        FileTickClaims claims = FileTickClaims.open(stateDir, "app");

        assertThat(claims.claim("report", TICK)).isTrue();
        assertThat(FileTickClaims.open(stateDir, "app").claim("report", TICK)).isFalse();
    }

    @Test
    void aSchedulerOnFileClaimsDoesNotSendTwiceAcrossARestart() {
        MutableClock clock = MutableClock.at("2024-05-01T12:00:30Z");
        List<String> sent = new ArrayList<>();
        Schedules.Sender sender = (topic, value) -> {
            sent.add(topic);
            return CompletableFuture.completedFuture(null);
        };
        ScheduleSpec minutely = new ScheduleSpec("minutely", CronSchedule.parse("* * * * *"), "t", null, "");

        new Scheduler("app", List.of(minutely), FileTickClaims.open(stateDir, "app"), sender,
                Duration.ofSeconds(60), clock).runDue();
        clock.advance(Duration.ofSeconds(10));
        new Scheduler("app", List.of(minutely), FileTickClaims.open(stateDir, "app"), sender,
                Duration.ofSeconds(60), clock).runDue();

        assertThat(sent).hasSize(1);
    }
}
