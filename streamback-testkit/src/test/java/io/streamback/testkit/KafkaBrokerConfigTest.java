package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;

import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    private static final Map<Integer, Integer> VOTERS = Map.of(1, 9001, 2, 9002, 3, 9003);

    @Test
    void brokerOfThreeIsAVoterWithReplicationFactorThreeAndMinIsrTwo() {
        Map<String, String> props = KafkaBrokerConfig.of(2, 9092, 9002, VOTERS, 3, 2, Path.of("/tmp/data"));

        assertThat(props).containsEntry("node.id", "2")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9002")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false");
        assertThat(props.get("controller.quorum.voters").split(","))
                .containsExactlyInAnyOrder("1@127.0.0.1:9001", "2@127.0.0.1:9002", "3@127.0.0.1:9003");
    }

    @Test
    void kafkaAcceptsTheSettings() {
        KafkaConfig config = new KafkaConfig(KafkaBrokerConfig.of(1, 9092, 9001, VOTERS, 3, 2, Path.of("/tmp/data")),
                false);

        assertThat(config.brokerSessionTimeoutMs()).isEqualTo(KafkaBrokerConfig.BROKER_SESSION_TIMEOUT_MS);
        assertThat(config.minInSyncReplicas()).isEqualTo(2);
    }
}
