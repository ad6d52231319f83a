package io.streamback.examples;

import io.streamback.Concurrency;
import io.streamback.ProcessingTimeout;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Listeners whose I/O failures are retried, with the records that still fail sent to a dead-letter
 * topic; one retried with backoff, whose calls may take at most 10 seconds.
 */
public final class Retries {
    private Retries() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        RetryStrategy retry = RetryStrategy.times(3)
                .interval(Duration.ofSeconds(1))
                .on(IOException.class, UncheckedIOException.class)
                .deadLetterTopic("flaky.dead_letters");

        streamback.listen("flaky", retry, (context, message) -> callTheFlakyService(message.value()));

        streamback.listen("flaky_and_busy", Concurrency.of(4).and(retry), (context, message) ->
                callTheFlakyService(message.value()));

        RetryStrategy patient = RetryStrategy.times(6)
                .interval(Duration.ofSeconds(1))
                .backoff(2, Duration.ofSeconds(30))    // waits 1, 2, 4, 8, 16, 30 s
                .jitter(0.2);                          // each up to 20% shorter, at random

        streamback.listen("may_hang", ProcessingTimeout.of(Duration.ofSeconds(10)).and(patient), (context, message) ->
                callTheFlakyService(message.value()));

        streamback.start();
    }

    private static void callTheFlakyService(Object value) throws IOException {
        // a call that may throw IOException
    }
}
