package io.streamback.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.FeedbackException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a user's integration test runs listeners against a real (embedded) Kafka and Redis. */
@StreambackTest
class TestKitExampleIT {

    @Test
    void greeterAnswers(@Streams String streams) {
        String topic = "greet_" + UUID.randomUUID();

        try (Streamback greeter = Streamback.create("greeter_" + UUID.randomUUID(), streams);
                Streamback caller = Streamback.create("caller", streams)) {
            greeter.listen(topic, (context, message) ->
                    message.respond("Hello, " + message.map(UnitTestingWithMemory.Greet.class).name() + "!"));
            greeter.startInBackground();

            Object reply = caller.send(topic, Map.of("name", "Ada")).read(Duration.ofSeconds(30));

            assertThat(reply).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    void failingListenerReachesTheCaller(@Streams String streams) {
        String topic = "fail_" + UUID.randomUUID();
        String group = "failer_" + UUID.randomUUID();

        try (Streamback failer = Streamback.create(group, streams);
                Streamback caller = Streamback.create("caller", streams)) {
            failer.listen(topic, message -> {
                throw new IllegalArgumentException("boom");
            });
            failer.startInBackground();

            assertThatThrownBy(() -> caller.send(topic, Map.of("name", "Ada")).read(Duration.ofSeconds(30)))
                    .isInstanceOf(FeedbackException.class)
                    .hasMessageContaining("boom")
                    .satisfies(e -> assertThat(((FeedbackException) e).sourceGroup()).isEqualTo(group));
        }
    }
}
