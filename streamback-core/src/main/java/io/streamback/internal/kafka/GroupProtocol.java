package io.streamback.internal.kafka;

import io.streamback.internal.text.LogText;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the consumer group protocol: Kafka 4's {@code consumer} protocol (KIP-848, incremental
 * rebalances on the broker) when the cluster has finalized feature {@code group.version} 1 or
 * more, else the classic one. Settings that only the classic protocol accepts, or an explicit
 * {@code group.protocol}, keep the user's choice. Asked once per main stream.
 */
final class GroupProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(GroupProtocol.class);
    private static final Set<String> CLASSIC_ONLY = Set.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);

    private final Supplier<Admin> admin;
    private Boolean brokerOffersIt;

    GroupProtocol(Supplier<Admin> admin) {
        this.admin = admin;
    }

    synchronized boolean useConsumerProtocol(Map<String, String> userProperties) {
        if (userProperties.keySet().stream().anyMatch(CLASSIC_ONLY::contains)) {
            return false;
        }
        if (brokerOffersIt == null) {
            brokerOffersIt = askBroker();
        }
        return brokerOffersIt;
    }

    private boolean askBroker() {
        try {
            Map<String, FinalizedVersionRange> features = admin.get().describeFeatures().featureMetadata()
                    .get(10, TimeUnit.SECONDS).finalizedFeatures();
            FinalizedVersionRange group = features.get("group.version");
            boolean offered = group != null && group.maxVersionLevel() >= 1;
            LOG.info("event=group_protocol protocol={}", offered ? "consumer" : "classic");
            return offered;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("event=group_protocol protocol=classic reason=\"cannot read broker features: {}\"", LogText.of(e));
            return false;
        }
    }
}
