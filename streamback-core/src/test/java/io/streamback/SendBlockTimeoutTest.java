package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the send bound reaches kafka-clients' max.block.ms. */
class SendBlockTimeoutTest {

    private static StreambackConfig config(StreambackBuilder builder) {
        try (Streamback streamback = builder.streams("main=memory://send_block&feedback=memory://send_block").build()) {
            return streamback.config();
        }
    }

    @Test
    void byDefaultSendWaitsAtMostFiveSeconds() {
        StreambackConfig config = config(Streamback.builder("app"));

        assertThat(config.sendBlockTimeout()).isEqualTo(StreambackBuilder.DEFAULT_SEND_BLOCK_TIMEOUT)
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(config.mainStreamProperties()).containsEntry("max.block.ms", "5000");
        assertThat(config.kafkaProperties()).doesNotContainKey("max.block.ms");
    }

    @Test
    void theBuilderSettingBecomesMaxBlockMs() {
        StreambackConfig config = config(Streamback.builder("app").sendBlockTimeout(Duration.ofMillis(1500)));

        assertThat(config.mainStreamProperties()).containsEntry("max.block.ms", "1500");
    }

    @Test
    void aMaxBlockMsKafkaPropertyWins() {
        StreambackConfig config = config(Streamback.builder("app").sendBlockTimeout(Duration.ofSeconds(2))
                .kafkaProperty("max.block.ms", "60000"));

        assertThat(config.mainStreamProperties()).containsEntry("max.block.ms", "60000");
    }

    @Test
    void theBoundMustBePositive() {
        assertThatThrownBy(() -> Streamback.builder("app").sendBlockTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendBlockTimeout must be positive");
    }
}
