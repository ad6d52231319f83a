package io.streamback.internal.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/**
 * Picks the consumer group protocol: the classic one with the cooperative sticky assignor
 * (KIP-429: a worker that joins or leaves moves only the partitions that change owner, the others
 * keep being consumed) and a 1 s heartbeat, each unless the user chose.
 *
 * <p>Not Kafka 4's {@code consumer} protocol (KIP-848) by default, although it rebalances on the
 * broker: its client hands every fetch from a background thread to the polling one, which the
 * benchmark measured as the largest cost left in a request/reply round trip (sequential p50 1.26×
 * the floor against 1.10× with classic; 64 in flight 0.71× against 0.88×, p99 60 ms against 29 ms).
 * {@code group.protocol=consumer} turns it on.
 */
final class GroupProtocol {
    private static final int HEARTBEAT_INTERVAL_MS = 1_000;

    private GroupProtocol() {
    }

    /**
     * Adds the protocol, and for classic the assignor and heartbeat, to consumer {@code props}
     * where the user's {@code properties} do not set them.
     */
    static void choose(Map<String, Object> props, Map<String, String> properties) {
        boolean chosen = properties.containsKey(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        if (!chosen) {
            props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        }
        boolean classic = !chosen || "classic".equalsIgnoreCase(properties.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        if (classic && !properties.containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        if (classic && !properties.containsKey(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)) {
            // a member learns of a rebalance from its heartbeat: 1 s instead of 3 s lets a worker added
            // by the autoscaler take its partitions sooner, for one small request a second
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        }
    }
}
