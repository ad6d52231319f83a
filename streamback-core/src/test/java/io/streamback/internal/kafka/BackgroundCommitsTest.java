package io.streamback.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BackgroundCommitsTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final BackgroundCommits commits = new BackgroundCommits();

    @Test
    void aFailedCommitIsRetriedOnceForItsAssignedPartitions() {
        Map<TopicPartition, OffsetAndMetadata> asked = Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(7));
        commits.asked(asked);
        commits.failed(asked);

        assertThat(commits.hasRetries()).isTrue();
        assertThat(commits.takeRetries(Set.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        assertThat(commits.hasRetries()).isFalse();
        assertThat(commits.takeRetries(Set.of(P0, P1))).isEmpty();
    }

    @Test
    void aNewerCommitCoversAnOlderFailure() {
        commits.asked(Map.of(P0, new OffsetAndMetadata(10)));
        commits.asked(Map.of(P0, new OffsetAndMetadata(20)));
        commits.failed(Map.of(P0, new OffsetAndMetadata(10))); // its callback came after the newer commit was sent

        assertThat(commits.hasRetries()).isFalse();
        assertThat(commits.takeRetries(Set.of(P0))).isEmpty();
    }

    @Test
    void aFailureIsForgottenWhenItsPartitionGoesToAnotherOwner() {
        commits.asked(Map.of(P0, new OffsetAndMetadata(10)));
        commits.failed(Map.of(P0, new OffsetAndMetadata(10)));
        commits.forget(List.of(P0));

        assertThat(commits.hasRetries()).isFalse();
        assertThat(commits.takeRetries(Set.of(P0))).isEmpty();
    }
}
