package io.streamback.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

@StreambackTest
class StreambackExtensionIT {

    private static final String STREAMS_PATTERN = "main=kafka://127\\.0\\.0\\.1:\\d+&feedback=redis://127\\.0\\.0\\.1:\\d+";
    private static final AtomicReference<StreambackTestKit> FIRST_SEEN = new AtomicReference<>();

    private final String constructorStreams;

    StreambackExtensionIT(@Streams String streams) {
        this.constructorStreams = streams;
    }

    @Test
    void injectsStreams(@Streams String streams, StreambackTestKit kit) {
        assertThat(streams).matches(STREAMS_PATTERN).isEqualTo(kit.streams()).isEqualTo(constructorStreams);
        assertThat(streams).isEqualTo("main=kafka://" + kit.kafka().bootstrapServers() + "&feedback=" + kit.redis().uri());
        assertSameKitAcrossTests(kit);
    }

    @Test
    void injectsTheSameSharedKit(StreambackTestKit kit) {
        assertThat(kit).isSameAs(StreambackTestKit.shared());
        assertThat(kit.kafka()).isSameAs(EmbeddedKafka.shared());
        assertThat(kit.redis()).isSameAs(EmbeddedRedis.shared());
        assertSameKitAcrossTests(kit);
    }

    private static void assertSameKitAcrossTests(StreambackTestKit kit) {
        FIRST_SEEN.compareAndSet(null, kit);
        assertThat(kit).isSameAs(FIRST_SEEN.get());
    }
}
