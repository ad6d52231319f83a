package io.streamback.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamback.StreambackException;
import io.streamback.internal.memory.MemoryFeedbackStream;
import io.streamback.internal.spi.FeedbackStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Claims through {@link io.streamback.internal.spi.FeedbackStream#claim}, on the in-memory stream. */
class FeedbackTickClaimsTest {
    private static final Instant TICK = Instant.parse("2024-05-01T12:00:00Z");
    private final MemoryFeedbackStream stream = MemoryFeedbackStream.named(UUID.randomUUID().toString());

    @Test
    void theKeyNamesAppScheduleAndTickSecond() {
        assertThat(FeedbackTickClaims.key("app", "report", TICK))
                .isEqualTo("streamback_schedule:app:report:" + TICK.getEpochSecond());
    }

    @Test
    void onlyTheFirstReplicaClaimsATick() {
        FeedbackTickClaims first = new FeedbackTickClaims(stream, "app", Duration.ofHours(1));
        FeedbackTickClaims second = new FeedbackTickClaims(stream, "app", Duration.ofHours(1));

        assertThat(first.claim("report", TICK)).isTrue();
        assertThat(second.claim("report", TICK)).isFalse();
        assertThat(first.claim("report", TICK)).isFalse();
        assertThat(second.claim("report", TICK.plusSeconds(1))).isTrue();
        assertThat(second.claim("other", TICK)).isTrue();
        assertThat(new FeedbackTickClaims(stream, "other_app", Duration.ofHours(1)).claim("report", TICK)).isTrue();
    }

    @Test
    void memoryClaimsExpire() {
        assertThat(stream.claim("k", Duration.ofMillis(50)).join()).isTrue();
        assertThat(stream.claim("k", Duration.ofMillis(50)).join()).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> stream.claim("k", Duration.ofHours(1)).join());
        assertThat(stream.claim("k", Duration.ofMillis(50)).join()).isFalse();
    }

    @Test
    void aFailedClaimIsAStreambackException() {
        FeedbackTickClaims claims = new FeedbackTickClaims(new FailingStream(), "app", Duration.ofHours(1));
        assertThatThrownBy(() -> claims.claim("report", TICK)).isInstanceOf(StreambackException.class)
                .hasMessageContaining("streamback_schedule:app:report:").hasMessageContaining("connection refused");
    }

    private static final class FailingStream implements FeedbackStream {
        @Override
        public CompletableFuture<Void> push(String key, String entry, Duration ttl) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        }

        @Override
        public CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        }

        @Override
        public void unpop(String key, String entry) {
        }

        @Override
        public CompletableFuture<Boolean> claim(String key, Duration ttl) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        }

        @Override
        public void close() {
        }
    }
}
