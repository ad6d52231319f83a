package io.streamback.internal;

import io.streamback.Concurrency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits listeners into worker groups by topic, so that every record is handled once per instance
 * by every listener of its topic and answered with one end marker: a topic where any listener has
 * a concurrency setting gets a group of its own (all of that topic's listeners join it); every
 * other topic is served by the pool.
 */
public final class GroupPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(GroupPlanner.class);

    private GroupPlanner() {
    }

    /**
     * The groups for {@code subscriptions}, keeping only topics in {@code onlyTopics} when it is not empty.
     */
    public static List<GroupSpec> plan(List<Subscription> subscriptions, int poolConcurrency, Set<String> onlyTopics) {
        Map<String, List<Subscription>> byTopic = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            String topic = subscription.info().topic();
            if (onlyTopics.isEmpty() || onlyTopics.contains(topic)) {
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(subscription);
            }
        }
        List<GroupSpec> groups = new ArrayList<>();
        Set<String> poolTopics = new LinkedHashSet<>();
        List<Subscription> poolSubscriptions = new ArrayList<>();
        byTopic.forEach((topic, listeners) -> {
            Concurrency own = ownConcurrency(topic, listeners);
            if (own == null) {
                poolTopics.add(topic);
                poolSubscriptions.addAll(listeners);
            } else {
                groups.add(new GroupSpec(topic, Set.of(topic), listeners, own));
            }
        });
        if (!poolSubscriptions.isEmpty()) {
            groups.add(0, new GroupSpec(GroupSpec.POOL, poolTopics, poolSubscriptions, Concurrency.of(poolConcurrency)));
        }
        return groups;
    }

    /** The concurrency of a topic's listeners; with several, the one allowing the most workers. */
    private static Concurrency ownConcurrency(String topic, List<Subscription> listeners) {
        Concurrency chosen = null;
        int settings = 0;
        for (Subscription subscription : listeners) {
            Concurrency concurrency = subscription.options().concurrency();
            if (concurrency != null) {
                settings++;
                if (chosen == null || concurrency.max() > chosen.max()) {
                    chosen = concurrency;
                }
            }
        }
        if (settings > 1) {
            LOG.warn("event=concurrency_merged topic={} listeners={} chosen={} reason=\"one worker group serves a"
                    + " topic, so its listeners share the largest setting\"", topic, listeners.size(), chosen);
        }
        return chosen;
    }
}
