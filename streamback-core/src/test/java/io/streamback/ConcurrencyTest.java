package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How many workers a {@link Concurrency} asks for at a given lag, and what it refuses. */
class ConcurrencyTest {

    @Test
    void ofIsFixedWhateverTheLag() {
        Concurrency three = Concurrency.of(3);

        assertThat(three.min()).isEqualTo(3);
        assertThat(three.max()).isEqualTo(3);
        assertThat(three.scales()).isFalse();
        assertThat(three.workersFor(0)).isEqualTo(3);
        assertThat(three.workersFor(1_000_000)).isEqualTo(3);
        assertThat(three.workersFor(-1)).isEqualTo(3);
        assertThat(three).hasToString("Concurrency.of(3)");
    }

    @Test
    void rangeAddsOneWorkerPerThousandOfLagUpToMax() {
        Concurrency range = Concurrency.range(2, 5);

        assertThat(range.scales()).isTrue();
        assertThat(range.min()).isEqualTo(2);
        assertThat(range.max()).isEqualTo(5);
        assertThat(range.workersFor(0)).isEqualTo(2);
        assertThat(range.workersFor(999)).isEqualTo(2);
        assertThat(range.workersFor(1_000)).isEqualTo(3);
        assertThat(range.workersFor(1_999)).isEqualTo(3);
        assertThat(range.workersFor(2_000)).isEqualTo(4);
        assertThat(range.workersFor(3_000)).isEqualTo(5);
        assertThat(range.workersFor(10_000)).isEqualTo(5);
        assertThat(range.workersFor(Long.MAX_VALUE)).isEqualTo(5);
        assertThat(range).hasToString("Concurrency.range(2, 5)");
    }

    @Test
    void rangeFromZeroHasNoWorkerWithoutLag() {
        Concurrency range = Concurrency.range(0, 3);

        assertThat(range.workersFor(0)).isZero();
        assertThat(range.workersFor(-1)).as("lag not read yet").isZero();
        assertThat(range.workersFor(500)).isZero();
        assertThat(range.workersFor(1_000)).isEqualTo(1);
        assertThat(range.workersFor(2_500)).isEqualTo(2);
    }

    @Test
    void rangeWithEqualBoundsIsFixed() {
        Concurrency range = Concurrency.range(4, 4);

        assertThat(range.scales()).isFalse();
        assertThat(range.workersFor(50_000)).isEqualTo(4);
    }

    @Test
    void scalingTakesTheFirstThresholdAtOrAboveTheLag() {
        Map<Long, Integer> table = new LinkedHashMap<>();
        table.put(100L, 1);
        table.put(1_000L, 3);
        table.put(10_000L, 6);
        Concurrency scaling = Concurrency.scaling(table);

        assertThat(scaling.workersFor(0)).isEqualTo(1);
        assertThat(scaling.workersFor(100)).as("at the threshold").isEqualTo(1);
        assertThat(scaling.workersFor(101)).isEqualTo(3);
        assertThat(scaling.workersFor(1_000)).isEqualTo(3);
        assertThat(scaling.workersFor(1_001)).isEqualTo(6);
        assertThat(scaling.workersFor(10_000)).isEqualTo(6);
        assertThat(scaling.min()).isEqualTo(1);
        assertThat(scaling.max()).isEqualTo(6);
        assertThat(scaling.scales()).isTrue();
    }

    @Test
    void scalingAboveEveryThresholdTakesTheLastEntry() {
        Concurrency scaling = Concurrency.scaling(Map.of(10L, 2, 100L, 4));

        assertThat(scaling.workersFor(101)).isEqualTo(4);
        assertThat(scaling.workersFor(Long.MAX_VALUE)).isEqualTo(4);
    }

    @Test
    void scalingOrdersEntriesByThresholdWhateverTheMapOrder() {
        Map<Long, Integer> descending = new TreeMap<>(java.util.Comparator.reverseOrder());
        descending.put(1_000L, 5);
        descending.put(10L, 1);
        Concurrency scaling = Concurrency.scaling(descending);

        assertThat(scaling.workersFor(5)).isEqualTo(1);
        assertThat(scaling.workersFor(500)).isEqualTo(5);
        assertThat(scaling.workersFor(5_000)).isEqualTo(5);
    }

    @Test
    void scalingAllowsZeroWorkersWhileTheLagIsLow() {
        Concurrency scaling = Concurrency.scaling(Map.of(0L, 0, 50L, 2));

        assertThat(scaling.min()).isZero();
        assertThat(scaling.workersFor(0)).isZero();
        assertThat(scaling.workersFor(1)).isEqualTo(2);
        assertThat(scaling.workersFor(1_000)).isEqualTo(2);
    }

    @Test
    void moreThanFiftyWorkersAreCapped() {
        assertThat(Concurrency.MAX_WORKERS).isEqualTo(50);
        assertThat(Concurrency.of(51).max()).isEqualTo(Concurrency.MAX_WORKERS);
        assertThat(Concurrency.of(1_000).workersFor(0)).isEqualTo(50);
        assertThat(Concurrency.of(50).max()).isEqualTo(50);

        Concurrency range = Concurrency.range(1, 80);
        assertThat(range.max()).isEqualTo(50);
        assertThat(range.workersFor(1_000_000)).isEqualTo(50);
        assertThat(Concurrency.range(60, 70).workersFor(0)).isEqualTo(50);

        Concurrency scaling = Concurrency.scaling(Map.of(10L, 2, 100L, 99));
        assertThat(scaling.max()).isEqualTo(50);
        assertThat(scaling.workersFor(50)).isEqualTo(50);
    }

    @Test
    void ofRefusesFewerThanOneWorker() {
        assertThatThrownBy(() -> Concurrency.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Concurrency.of needs at least 1 worker, got 0");
        assertThatThrownBy(() -> Concurrency.of(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -3");
    }

    @Test
    void rangeRefusesBadBounds() {
        assertThatThrownBy(() -> Concurrency.range(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Concurrency.range needs 0 <= min <= max and max >= 1, got [-1, 3]");
        assertThatThrownBy(() -> Concurrency.range(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got [4, 2]");
        assertThatThrownBy(() -> Concurrency.range(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max >= 1");
    }

    @Test
    void scalingRefusesBadTables() {
        assertThatThrownBy(() -> Concurrency.scaling(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("lagToWorkers");
        assertThatThrownBy(() -> Concurrency.scaling(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Concurrency.scaling needs at least one [lag, workers] entry");
        assertThatThrownBy(() -> Concurrency.scaling(Map.of(-1L, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Concurrency.scaling entries must not be negative, got [-1, 2]");
        assertThatThrownBy(() -> Concurrency.scaling(Map.of(10L, -2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got [10, -2]");
        assertThatThrownBy(() -> Concurrency.scaling(Map.of(10L, 0, 100L, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Concurrency.scaling needs at least one entry with workers");
    }

    @Test
    void scalingRefusesNullEntriesByName() {
        Map<Long, Integer> nullWorkers = new HashMap<>();
        nullWorkers.put(10L, null);
        Map<Long, Integer> nullLag = new HashMap<>();
        nullLag.put(null, 1);

        assertThatThrownBy(() -> Concurrency.scaling(nullWorkers)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[10, null]");
        assertThatThrownBy(() -> Concurrency.scaling(nullLag)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[null, 1]");
    }

    @Test
    void concurrencyIsAListenOption() {
        ListenOption all = Concurrency.of(2).and(RetryStrategy.times(1))
                .and(ProcessingTimeout.of(java.time.Duration.ofSeconds(3))).and(Concurrency.of(4));
        io.streamback.internal.ListenOptions settings =
                io.streamback.internal.ListenOptions.of(JoinedOption.flatten(all));

        assertThat(settings.concurrency()).as("the later of two wins").hasToString("Concurrency.of(4)");
        assertThat(settings.retry()).isNotNull();
        assertThat(settings.timeout()).hasSeconds(3);
    }
}
