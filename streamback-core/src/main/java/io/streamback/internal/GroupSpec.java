package io.streamback.internal;

import io.streamback.Concurrency;
import java.util.List;
import java.util.Set;

/**
 * A worker group to run: every listener of its topics, sized by one concurrency setting.
 *
 * @param name {@code pool}, or the topic of a listener with its own concurrency
 * @param topics the topics it consumes, without prefix
 * @param subscriptions the listeners of those topics
 * @param concurrency how many workers it gets
 */
public record GroupSpec(String name, Set<String> topics, List<Subscription> subscriptions, Concurrency concurrency) {
    /** The name of the group of listeners without a concurrency setting. */
    public static final String POOL = "pool";

    /** Copies the collections. */
    public GroupSpec {
        topics = Set.copyOf(topics);
        subscriptions = List.copyOf(subscriptions);
    }
}
