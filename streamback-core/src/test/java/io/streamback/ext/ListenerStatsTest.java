package io.streamback.ext;

import static io.streamback.ext.Snapshots.MB;
import static io.streamback.ext.Snapshots.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.ext.ListenerStats.ChildStats;
import io.streamback.ext.ListenerStats.GroupStats;
import io.streamback.ext.ListenerStats.Stats;
import io.streamback.MemoryApps;
import io.streamback.MutableClock;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListenerStatsTest {
    private final MutableClock clock = new MutableClock(T0);
    private Streamback streamback;

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    /** A ListenerStats that keeps its reports, on the test clock. */
    private static final class Recording extends ListenerStats {
        final List<Stats> reports = new CopyOnWriteArrayList<>();

        Recording(Duration interval, MutableClock clock) {
            super(interval, clock);
        }

        @Override
        public void onStats(Stats stats) {
            reports.add(stats);
        }
    }

    @Test
    void theDefaultLineHasOneKeyValueFieldPerFigure() {
        GroupStats pool = new GroupStats("pool", Set.of("a", "b"), 2, 120, 1, 12.04, Duration.ofNanos(1_200_000),
                Duration.ofMillis(8), 0);
        Stats stats = new Stats("shop", T0, Duration.ofSeconds(10), List.of(pool), 51 * MB + MB / 4, 210 * MB, List.of());

        assertThat(ListenerStats.line(stats, pool)).isEqualTo("event=listener_stats app=shop group=pool workers=2"
                + " processed=120 failed=1 rate_per_s=12.0 p50_ms=1.20 p99_ms=8.00 lag=0 heap_mb=51.3 rss_mb=210.0");
    }

    @Test
    void inProcessModeTheLineListsTheGroupsChildrenAndUnknownMemoryIsMinusOne() {
        GroupStats orders = new GroupStats("orders", Set.of("orders"), 2, 0, 0, 0, Duration.ZERO, Duration.ZERO, -1);
        Stats stats = new Stats("shop", T0, Duration.ofSeconds(10), List.of(orders), 8 * MB, -1,
                List.of(new ChildStats("shop-orders-0", "orders", 11, 100 * MB),
                        new ChildStats("shop-pool-0", "pool", 12, 90 * MB),
                        new ChildStats("shop-orders-1", "orders", 13, -1)));

        assertThat(ListenerStats.line(stats, orders)).isEqualTo("event=listener_stats app=shop group=orders workers=2"
                + " processed=0 failed=0 rate_per_s=0.0 p50_ms=0.00 p99_ms=0.00 lag=-1 heap_mb=8.0 rss_mb=-1"
                + " children_rss_mb=shop-orders-0:100.0,shop-orders-1:-1");
    }

    @Test
    void theDefaultOnStatsLogsWithoutFailingEvenWithoutGroups() {
        ListenerStats stats = new ListenerStats(Duration.ofSeconds(1));
        stats.onStats(new Stats("shop", T0, Duration.ZERO, List.of(), MB, MB, List.of()));
        stats.onStats(new Stats("shop", T0, Duration.ZERO, List.of(new GroupStats("pool", Set.of("a"), 1, 0, 0, 0,
                Duration.ZERO, Duration.ZERO, 0)), MB, MB, List.of()));
    }

    @Test
    void reportsOnceAnIntervalHasPassedWithTheRateSinceThePreviousReport() {
        List<Object> handled = new CopyOnWriteArrayList<>();
        streamback = apps.create("stats_app")
                .listen("work", message -> handled.add(message.value()))
                .startInBackground();
        Recording stats = new Recording(Duration.ofSeconds(10), clock);

        stats.onTick(streamback);
        assertThat(stats.reports).as("the first tick only records where the counters stand").isEmpty();

        for (int i = 0; i < 20; i++) {
            streamback.send("work", Map.of("n", i));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(handled).hasSize(20));
        clock.advance(Duration.ofSeconds(5));
        stats.onTick(streamback);
        assertThat(stats.reports).as("half an interval").isEmpty();

        clock.advance(Duration.ofSeconds(5));
        stats.onTick(streamback);
        assertThat(stats.reports).singleElement().satisfies(report -> {
            assertThat(report.app()).isEqualTo("stats_app");
            assertThat(report.heapUsedBytes()).isPositive();
            assertThat(report.children()).isEmpty();
            assertThat(report.groups()).singleElement().satisfies(pool -> {
                assertThat(pool.name()).isEqualTo("pool");
                assertThat(pool.topics()).containsExactly("work");
                assertThat(pool.workers()).isEqualTo(1);
                assertThat(pool.processed()).isEqualTo(20);
                assertThat(pool.failed()).isZero();
                assertThat(pool.ratePerSecond()).isPositive();
                assertThat(pool.p99()).isGreaterThanOrEqualTo(pool.p50());
            });
        });

        clock.advance(Duration.ofSeconds(10));
        stats.onTick(streamback);
        assertThat(stats.reports).hasSize(2);
        assertThat(stats.reports.get(1).groups().get(0).ratePerSecond()).as("nothing handled since").isZero();
    }

    @Test
    void rejectsAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new ListenerStats(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> new ListenerStats(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListenerStats(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("interval");
    }
}
