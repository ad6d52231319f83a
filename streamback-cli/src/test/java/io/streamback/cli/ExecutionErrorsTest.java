package io.streamback.cli;

import io.streamback.FeedbackUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.FeedbackException;
import io.streamback.FeedbackTimeoutException;
import io.streamback.InvalidStreamsException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExecutionErrorsTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = StreambackCli.commandLine().setErr(new PrintWriter(err, true));

    @Test
    void aRemoteErrorPrintsTheRemoteTextAndExits3() {
        assertThat(handle(new FeedbackException("ValueError('boom')", "g"))).isEqualTo(3);
        assertThat(err.toString().strip()).isEqualTo("error: consumer group g answered the message with an error:"
                + " ValueError('boom')");
    }

    @Test
    void aTimeoutExits4() {
        assertThat(handle(new FeedbackTimeoutException("streamback_feedback_x", Duration.ofSeconds(2)))).isEqualTo(4);
        assertThat(err.toString()).startsWith("error: no reply within 2 s: is a consumer listening on the topic")
                .contains("(feedback key streamback_feedback_x)");
    }

    @Test
    void anInvalidStreamsStringExits2() {
        assertThat(handle(new InvalidStreamsException("the streams string is empty"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: invalid streams string: the streams string is empty");
    }

    @Test
    void anyOtherFailureExits1WithItsMessage() {
        assertThat(handle(new FeedbackUnavailableException("reading feedback failed: refused"))).isEqualTo(1);
        assertThat(handle(new IllegalStateException("could not start Kafka on 127.0.0.1:9092: port in use")))
                .isEqualTo(1);
        assertThat(handle(new NullPointerException())).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "error: reading feedback failed: refused",
                "error: could not start Kafka on 127.0.0.1:9092: port in use",
                "error: java.lang.NullPointerException");
    }

    private int handle(Exception error) {
        return new ExecutionErrors().handleExecutionException(error, commandLine, null);
    }
}
