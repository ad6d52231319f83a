package io.streamback.ext;

import static io.streamback.ext.Snapshots.MB;
import static io.streamback.ext.Snapshots.T0;
import static io.streamback.ext.Snapshots.at;
import static io.streamback.ext.Snapshots.child;
import static io.streamback.ext.Snapshots.group;
import static io.streamback.ext.Snapshots.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamback.ext.ListenerStats.ChildStats;
import io.streamback.ext.ListenerStats.GroupStats;
import io.streamback.ext.ListenerStats.Stats;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsTrackerTest {
    private final StatsTracker tracker = new StatsTracker();

    @Test
    void theFirstReportHasNoRateAndNoPeriod() {
        Stats stats = tracker.next("app", at(T0, group("pool", thread("w0", "pool", T0, 500))));

        assertThat(stats.period()).isZero();
        assertThat(stats.groups()).singleElement().satisfies(group -> {
            assertThat(group.processed()).isEqualTo(500);
            assertThat(group.ratePerSecond()).isZero();
        });
    }

    @Test
    void rateIsTheProcessedDeltaOverTheTimeBetweenReports() {
        tracker.next("app", at(T0, group("pool", thread("w0", "pool", T0, 10), thread("w1", "pool", T0, 5))));

        Stats stats = tracker.next("app", at(T0.plusSeconds(2),
                group("pool", thread("w0", "pool", T0, 30), thread("w1", "pool", T0, 15))));

        assertThat(stats.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stats.groups().get(0).ratePerSecond()).isCloseTo(15.0, within(1e-9));
        assertThat(stats.groups().get(0).processed()).isEqualTo(45);
    }

    @Test
    void aReplacedWorkerNeitherMakesTheRateNegativeNorLosesTheNewWorkersRecords() {
        tracker.next("app", at(T0, group("pool", thread("w0", "pool", T0, 1_000), thread("w1", "pool", T0, 10))));

        // w0 (1,000 records) was retired; w2 started since and handled 4; w1 handled 6 more.
        Stats stats = tracker.next("app", at(T0.plusSeconds(1),
                group("pool", thread("w1", "pool", T0, 16), thread("w2", "pool", T0.plusMillis(500), 4))));

        GroupStats pool = stats.groups().get(0);
        assertThat(pool.processed()).isEqualTo(20);
        assertThat(pool.ratePerSecond()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aGroupThatLostAllItsWorkersHasRateZero() {
        tracker.next("app", at(T0, group("orders", thread("w0", "orders", T0, 300))));

        Stats stats = tracker.next("app", at(T0.plusSeconds(1), group("orders")));

        assertThat(stats.groups().get(0).ratePerSecond()).isZero();
        assertThat(stats.groups().get(0).workers()).isZero();
    }

    @Test
    void ratesAreKeptPerGroup() {
        tracker.next("app", at(T0, group("pool", thread("p0", "pool", T0, 0)),
                group("orders", thread("o0", "orders", T0, 0))));

        Stats stats = tracker.next("app", at(T0.plusSeconds(4), group("pool", thread("p0", "pool", T0, 8)),
                group("orders", thread("o0", "orders", T0, 400))));

        assertThat(stats.groups()).extracting(GroupStats::name).containsExactly("pool", "orders");
        assertThat(stats.groups()).extracting(GroupStats::ratePerSecond).containsExactly(2.0, 100.0);
    }

    @Test
    void percentilesLagWorkersAndMemoryPassThrough() {
        Stats stats = tracker.next("shop", at(T0, 64 * MB, 300 * MB, group("orders", 1_234,
                Duration.ofMillis(3), Duration.ofMillis(40), thread("o0", "orders", T0, 1), thread("o1", "orders", T0, 2))));

        assertThat(stats.app()).isEqualTo("shop");
        assertThat(stats.at()).isEqualTo(T0);
        assertThat(stats.heapUsedBytes()).isEqualTo(64 * MB);
        assertThat(stats.rssBytes()).isEqualTo(300 * MB);
        assertThat(stats.children()).isEmpty();
        GroupStats orders = stats.groups().get(0);
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.topics()).isEqualTo(Set.of("orders"));
        assertThat(orders.workers()).isEqualTo(2);
        assertThat(orders.lag()).isEqualTo(1_234);
        assertThat(orders.p50()).isEqualTo(Duration.ofMillis(3));
        assertThat(orders.p99()).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void workerProcessesAreListedWithTheirOwnMemory() {
        Stats stats = tracker.next("app", at(T0, group("pool", child("w0", "pool", T0, 4242, 120 * MB),
                child("w1", "pool", T0, 4343, -1))));

        assertThat(stats.children()).containsExactly(new ChildStats("w0", "pool", 4242, 120 * MB),
                new ChildStats("w1", "pool", 4343, -1));
        assertThat(stats.groups().get(0).processed()).isZero();
    }

    @Test
    void aClockGoingBackwardsGivesRateZeroNotNegative() {
        tracker.next("app", at(T0, group("pool", thread("w0", "pool", T0, 0))));

        Stats stats = tracker.next("app", at(T0.minusSeconds(1), group("pool", thread("w0", "pool", T0, 50))));

        assertThat(stats.period()).isZero();
        assertThat(stats.groups().get(0).ratePerSecond()).isZero();
    }
}
