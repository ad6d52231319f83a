package io.streamback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runs the in-memory example end to end: no Kafka, no Redis, no sockets. */
class ExamplesMemoryTest {

    @Test
    void greeterAnswersOverMemoryStreams() {
        String name = "examples-" + UUID.randomUUID();
        String streams = "main=memory://" + name + "&feedback=memory://" + name;

        assertThat(UnitTestingWithMemory.greet(streams, "Ada")).isEqualTo("Hello, Ada!");
    }

    @Test
    void greeterAnswersAgainWhenRestarted() {
        String name = "examples-" + UUID.randomUUID();
        String streams = "main=memory://" + name + "&feedback=memory://" + name;

        assertThat(UnitTestingWithMemory.greet(streams, "Ada")).isEqualTo("Hello, Ada!");
        assertThat(UnitTestingWithMemory.greet(streams, "Grace")).isEqualTo("Hello, Grace!");
    }

    @Test
    void mainRunsOnTheDefaultMemoryStreams() {
        UnitTestingWithMemory.main(new String[0]);

        assertThat(UnitTestingWithMemory.greet("main=memory://&feedback=memory://", "Linus"))
                .isEqualTo("Hello, Linus!");
    }

    @Test
    void aBookingTravelsWithTheApplicationsMapper() {
        String name = "examples-" + UUID.randomUUID();
        String streams = "main=memory://" + name + "&feedback=memory://" + name;
        Instant at = Instant.parse("2024-05-01T09:30:00Z");

        assertThat(JsonMapping.book(streams, new JsonMapping.Booking("r1", at, Optional.empty())))
                .isEqualTo(new JsonMapping.Booking("r1", at, Optional.of("confirmed")));
    }

    @Test
    void aPlainReadGetsTheReplyOfTheGroupThatRepliesWhileAnotherOnlyEnds() {
        for (int i = 0; i < 5; i++) {
            String name = "examples-" + UUID.randomUUID();
            String streams = "main=memory://" + name + "&feedback=memory://" + name;

            assertThat(SeveralGroups.bill(streams, "A-" + i)).isEqualTo(new SeveralGroups.Invoice("A-" + i, 4_200));
        }
    }
}
