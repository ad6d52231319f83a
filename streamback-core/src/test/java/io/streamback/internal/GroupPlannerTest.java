package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.Concurrency;
import io.streamback.Context;
import io.streamback.ListenOption;
import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.RetryStrategy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which worker group serves which listener. */
class GroupPlannerTest {
    private static final Listener NOTHING = new Listener() {
        @Override
        public void consume(Context context, Message message) {
        }
    };

    private static Subscription sub(String name, String topic, ListenOption options) {
        return new Subscription(new ListenerInfo(name, topic), () -> NOTHING, ListenOptions.of(List.of(options)));
    }

    private static Subscription sub(String name, String topic) {
        return new Subscription(new ListenerInfo(name, topic), () -> NOTHING, ListenOptions.NONE);
    }

    private static Map<String, GroupSpec> byName(List<GroupSpec> groups) {
        return groups.stream().collect(Collectors.toMap(GroupSpec::name, Function.identity()));
    }

    private static List<String> names(GroupSpec group) {
        return group.subscriptions().stream().map(s -> s.info().name()).toList();
    }

    @Test
    void listenersWithoutConcurrencyShareThePool() {
        List<GroupSpec> groups = GroupPlanner.plan(List.of(sub("a1", "a"), sub("b1", "b"), sub("a2", "a")), 3,
                Set.of());

        assertThat(groups).hasSize(1);
        GroupSpec pool = groups.get(0);
        assertThat(pool.name()).isEqualTo(GroupSpec.POOL);
        assertThat(pool.topics()).containsExactlyInAnyOrder("a", "b");
        assertThat(names(pool)).containsExactly("a1", "a2", "b1");
        assertThat(pool.concurrency().min()).isEqualTo(3);
        assertThat(pool.concurrency().max()).isEqualTo(3);
    }

    @Test
    void aTopicWithAConcurrencyGetsItsOwnGroupWithAllItsListeners() {
        List<GroupSpec> groups = GroupPlanner.plan(List.of(
                sub("orders_plain", "orders"),
                sub("audit", "audit"),
                sub("orders_fast", "orders", Concurrency.of(4)),
                sub("orders_retrying", "orders", RetryStrategy.times(2))), 2, Set.of());

        Map<String, GroupSpec> byName = byName(groups);
        assertThat(byName).containsOnlyKeys(GroupSpec.POOL, "orders");
        GroupSpec orders = byName.get("orders");
        assertThat(orders.topics()).containsExactly("orders");
        assertThat(names(orders)).as("every listener of the topic, so each record is handled once by each")
                .containsExactly("orders_plain", "orders_fast", "orders_retrying");
        assertThat(orders.concurrency().max()).isEqualTo(4);
        GroupSpec pool = byName.get(GroupSpec.POOL);
        assertThat(pool.topics()).containsExactly("audit");
        assertThat(names(pool)).containsExactly("audit");
        assertThat(pool.concurrency().max()).isEqualTo(2);
    }

    @Test
    void everyListenerAppearsInExactlyOneGroup() {
        List<Subscription> subscriptions = List.of(
                sub("x1", "x", Concurrency.range(1, 3)), sub("x2", "x"),
                sub("y1", "y"), sub("y2", "y"),
                sub("z1", "z", Concurrency.of(2)), sub("z2", "z", Concurrency.of(1)));

        List<GroupSpec> groups = GroupPlanner.plan(subscriptions, 1, Set.of());

        List<String> planned = groups.stream().flatMap(g -> names(g).stream()).toList();
        assertThat(planned).containsExactlyInAnyOrder("x1", "x2", "y1", "y2", "z1", "z2");
        for (GroupSpec group : groups) {
            assertThat(group.subscriptions()).allSatisfy(s -> assertThat(group.topics()).contains(s.info().topic()));
        }
        assertThat(groups.stream().flatMap(g -> g.topics().stream()).toList()).as("a topic is in one group only")
                .doesNotHaveDuplicates();
    }

    @Test
    void poolComesFirstAndOwnGroupsKeepTheirOrder() {
        List<GroupSpec> groups = GroupPlanner.plan(List.of(
                sub("b", "b", Concurrency.of(1)), sub("p", "p"), sub("a", "a", Concurrency.of(1))), 1, Set.of());

        assertThat(groups).extracting(GroupSpec::name).containsExactly(GroupSpec.POOL, "b", "a");
    }

    @Test
    void severalSettingsOnOneTopicTakeTheLargest() {
        List<GroupSpec> groups = GroupPlanner.plan(List.of(
                sub("small", "t", Concurrency.of(2)),
                sub("big", "t", Concurrency.range(1, 8)),
                sub("medium", "t", Concurrency.of(5))), 1, Set.of());

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).concurrency()).hasToString("Concurrency.range(1, 8)");
    }

    @Test
    void withOnlyConcurrencyListenersThereIsNoPool() {
        List<GroupSpec> groups = GroupPlanner.plan(List.of(sub("a", "a", Concurrency.of(2))), 4, Set.of());

        assertThat(groups).extracting(GroupSpec::name).containsExactly("a");
    }

    @Test
    void onlyTopicsKeepsTheChosenTopicsListeners() {
        List<Subscription> subscriptions = List.of(
                sub("a1", "a"), sub("b1", "b"), sub("c1", "c", Concurrency.of(2)), sub("d1", "d", Concurrency.of(3)),
                sub("a2", "a"));

        List<GroupSpec> groups = GroupPlanner.plan(subscriptions, 1, Set.of("a", "c"));

        Map<String, GroupSpec> byName = byName(groups);
        assertThat(byName).containsOnlyKeys(GroupSpec.POOL, "c");
        assertThat(byName.get(GroupSpec.POOL).topics()).containsExactly("a");
        assertThat(names(byName.get(GroupSpec.POOL))).containsExactly("a1", "a2");
        assertThat(names(byName.get("c"))).containsExactly("c1");
    }

    @Test
    void onlyTopicsMatchingNothingPlansNothing() {
        assertThat(GroupPlanner.plan(List.of(sub("a1", "a")), 1, Set.of("zzz"))).isEmpty();
        assertThat(GroupPlanner.plan(List.of(), 1, Set.of())).isEmpty();
    }
}
