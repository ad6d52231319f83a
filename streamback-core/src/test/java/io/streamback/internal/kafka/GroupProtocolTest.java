package io.streamback.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.junit.jupiter.api.Test;

class GroupProtocolTest {

    @Test
    void defaultsToTheClassicProtocolWithTheCooperativeAssignor() {
        Map<String, Object> props = new HashMap<>();

        GroupProtocol.choose(props, Map.of());

        assertThat(props).containsEntry("group.protocol", "classic")
                .containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName())
                .containsEntry("heartbeat.interval.ms", "1000");
    }

    @Test
    void keepsTheConsumerProtocolWhenAskedForWithoutAnAssignor() {
        Map<String, Object> props = new HashMap<>();

        GroupProtocol.choose(props, Map.of("group.protocol", "consumer"));

        assertThat(props).doesNotContainKeys("group.protocol", "partition.assignment.strategy", "heartbeat.interval.ms");
    }

    @Test
    void keepsTheUsersAssignor() {
        Map<String, Object> props = new HashMap<>();

        GroupProtocol.choose(props, Map.of("partition.assignment.strategy", RangeAssignor.class.getName()));

        assertThat(props).containsEntry("group.protocol", "classic").doesNotContainKey("partition.assignment.strategy");
    }
}
