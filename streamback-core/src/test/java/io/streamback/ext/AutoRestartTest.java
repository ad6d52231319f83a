package io.streamback.ext;

import static io.streamback.ext.Snapshots.MB;
import static io.streamback.ext.Snapshots.T0;
import static io.streamback.ext.Snapshots.at;
import static io.streamback.ext.Snapshots.child;
import static io.streamback.ext.Snapshots.group;
import static io.streamback.ext.Snapshots.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.MemoryApps;
import io.streamback.MutableClock;
import io.streamback.RuntimeSnapshot;
import io.streamback.Streamback;
import io.streamback.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AutoRestartTest {
    private static final Instant NOW = T0.plusSeconds(100);

    private Streamback streamback;

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    private static List<String> recycled(List<AutoRestart.Recycle> recycles) {
        return recycles.stream().map(recycle -> recycle.workerId() + ":" + recycle.reason()).toList();
    }

    @Test
    void recyclesEveryWorkerAtOrAboveTheMaximumAge() {
        AutoRestart restart = new AutoRestart(Duration.ofSeconds(60), 0);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW,
                group("pool", thread("old", "pool", NOW.minusSeconds(61), 0), thread("young", "pool", NOW.minusSeconds(5), 0)),
                group("orders", thread("exact", "orders", NOW.minusSeconds(60), 0))), NOW);

        assertThat(recycled(recycles)).containsExactly("old:max_age", "exact:max_age");
        assertThat(recycles.get(0).detail()).isEqualTo("age_s=61.0 max_age_s=60.0");
    }

    @Test
    void inProcessModeRecyclesEachChildAboveTheLimitAndNoOther() {
        AutoRestart restart = new AutoRestart(null, 100);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW, 10 * MB, 50 * MB, group("pool",
                child("fat", "pool", T0, 11, 101 * MB), child("lean", "pool", T0.minusSeconds(50), 12, 99 * MB),
                child("unknown", "pool", T0, 13, -1))), NOW);

        assertThat(recycled(recycles)).containsExactly("fat:max_memory");
        assertThat(recycles.get(0).sharedHeap()).isFalse();
        assertThat(recycles.get(0).detail()).isEqualTo("scope=process pid=11 rss_mb=101.0 limit_mb=100");
    }

    @Test
    void inProcessModeTheParentsOwnMemoryIsNotTheChildrens() {
        AutoRestart restart = new AutoRestart(null, 100);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW, 10 * MB, 900 * MB,
                group("pool", child("w0", "pool", T0, 11, 50 * MB))), NOW);

        assertThat(recycles).isEmpty();
    }

    @Test
    void inThreadModeAJvmAboveTheLimitRecyclesOnlyTheOldestWorker() {
        AutoRestart restart = new AutoRestart(null, 100);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW, 60 * MB, 150 * MB,
                group("pool", thread("p0", "pool", T0.plusSeconds(10), 0), thread("p1", "pool", T0.plusSeconds(30), 0)),
                group("orders", thread("o0", "orders", T0.plusSeconds(5), 0))), NOW);

        assertThat(recycled(recycles)).containsExactly("o0:max_memory");
        assertThat(recycles.get(0).sharedHeap()).isTrue();
        assertThat(recycles.get(0).detail())
                .isEqualTo("scope=jvm rss_mb=150.0 heap_used_mb=60.0 limit_mb=100 action=recycle_oldest");
    }

    @Test
    void inThreadModeAJvmAtOrBelowTheLimitRecyclesNothing() {
        AutoRestart restart = new AutoRestart(null, 100);

        assertThat(restart.decide(at(NOW, 60 * MB, 100 * MB, group("pool", thread("p0", "pool", T0, 0))), NOW))
                .isEmpty();
        assertThat(restart.decide(at(NOW, 60 * MB, -1, group("pool", thread("p0", "pool", T0, 0))), NOW))
                .as("RSS unknown").isEmpty();
    }

    @Test
    void inThreadModeMemoryDoesNotRecycleAWorkerTheAgeCheckAlreadyRecycles() {
        AutoRestart restart = new AutoRestart(Duration.ofSeconds(60), 100);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW, 60 * MB, 500 * MB,
                group("pool", thread("aged", "pool", NOW.minusSeconds(90), 0), thread("p1", "pool", NOW.minusSeconds(10), 0))),
                NOW);

        assertThat(recycled(recycles)).containsExactly("aged:max_age");
    }

    @Test
    void bothChecksCountWhenBothAreOn() {
        AutoRestart restart = new AutoRestart(Duration.ofSeconds(60), 100);

        List<AutoRestart.Recycle> recycles = restart.decide(at(NOW, 10 * MB, 50 * MB, group("pool",
                child("aged", "pool", NOW.minusSeconds(61), 11, 10 * MB),
                child("fat", "pool", NOW.minusSeconds(1), 12, 200 * MB),
                child("aged_and_fat", "pool", NOW.minusSeconds(61), 13, 200 * MB),
                child("fine", "pool", NOW.minusSeconds(1), 14, 10 * MB))), NOW);

        assertThat(recycled(recycles)).containsExactly("aged:max_age", "aged_and_fat:max_age", "fat:max_memory");
    }

    @Test
    void aZeroOrNullMaxAgeAndZeroMegabytesTurnTheirCheckOff() {
        RuntimeSnapshot oldWorkerLowMemory = at(NOW, MB, MB,
                group("pool", thread("w", "pool", T0.minus(Duration.ofDays(30)), 0)));
        RuntimeSnapshot youngWorkerHighMemory = at(NOW, MB, 100_000 * MB, group("pool", thread("w", "pool", NOW, 0)));

        assertThat(new AutoRestart(null, 100).decide(oldWorkerLowMemory, NOW)).isEmpty();
        assertThat(new AutoRestart(Duration.ZERO, 100).decide(oldWorkerLowMemory, NOW)).isEmpty();
        assertThat(new AutoRestart(Duration.ofDays(1), 0).decide(youngWorkerHighMemory, NOW)).isEmpty();
    }

    @Test
    void rejectsSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new AutoRestart(Duration.ofSeconds(-1), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAge must not be negative").hasMessageContaining("turn the age check off");
        assertThatThrownBy(() -> new AutoRestart(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMemoryMb must not be negative").hasMessageContaining("give 0");
        assertThatThrownBy(() -> new AutoRestart(Duration.ofSeconds(1), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkInterval must be positive");
        assertThatThrownBy(() -> new AutoRestart(Duration.ofSeconds(1), 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("checkInterval");
        assertThatThrownBy(() -> new AutoRestart(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a maxAge or a maxMemoryMb");
        assertThatThrownBy(() -> new AutoRestart(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onTickChecksOncePerCheckIntervalAndRecyclesThroughTheRuntime() {
        streamback = apps.create("restart_app")
                .listen("work", message -> { })
                .startInBackground();
        String first = onlyWorker().id();
        MutableClock clock = new MutableClock(Instant.now());
        AutoRestart restart = new AutoRestart(Duration.ofSeconds(30), 0, Duration.ofSeconds(10), clock);

        restart.onTick(streamback);
        assertThat(onlyWorker().id()).as("too young").isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        restart.onTick(streamback);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(onlyWorker().id()).isNotEqualTo(first));
        assertThat(streamback.snapshot().groups().get(0).workers()).isEqualTo(1);
    }

    @Test
    void onTickSkipsTicksWithinTheCheckInterval() {
        streamback = apps.create("restart_app")
                .listen("work", message -> { })
                .startInBackground();
        String first = onlyWorker().id();
        MutableClock clock = new MutableClock(Instant.now());
        AutoRestart restart = new AutoRestart(Duration.ofSeconds(1), 0, Duration.ofSeconds(10), clock);

        restart.onTick(streamback);
        clock.advance(Duration.ofSeconds(5));
        restart.onTick(streamback);
        assertThat(onlyWorker().id()).as("old enough, but checked 5 s ago").isEqualTo(first);

        clock.advance(Duration.ofSeconds(5));
        restart.onTick(streamback);
        assertThat(onlyWorker().id()).isNotEqualTo(first);
    }

    private WorkerSnapshot onlyWorker() {
        return streamback.snapshot().groups().get(0).members().get(0);
    }
}
