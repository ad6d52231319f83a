package io.streamback.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runs the headers and deadlines example on memory streams. */
class HeadersAndDeadlinesExampleTest {

    @Test
    void theConsumerReadsTheHeaderAndAnswersInTime() {
        String name = "examples-" + UUID.randomUUID();

        assertThat(HeadersAndDeadlines.call("main=memory://" + name + "&feedback=memory://" + name))
                .isEqualTo("Hello, trace 4bf92f3577b34da6");
    }
}
