package io.streamback.examples;

import io.streamback.FeedbackException;
import io.streamback.SendOptions;
import io.streamback.Streamback;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers and deadlines: the caller sends a trace id in a header and gives the request 5 seconds;
 * the consumer reads both. {@code HeadersAndDeadlinesExampleTest} runs it on the memory streams.
 */
public final class HeadersAndDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(HeadersAndDeadlines.class);

    /** Options can be kept in a constant: the deadline counts from each send. */
    private static final SendOptions TRACED = SendOptions.defaults()
            .header("trace_id", "4bf92f3577b34da6")
            .deadlineAfter(Duration.ofSeconds(5));

    private HeadersAndDeadlines() {
    }

    /** Runs {@link #call(String)} on Kafka and Redis and logs the reply. */
    public static void main(String[] args) {
        LOG.info("reply: {}", call("main=kafka://kafka:9092&feedback=redis://redis:6379"));
    }

    /** Starts a consumer on {@code streams}, calls it with a header and a deadline, and returns its reply. */
    public static Object call(String streams) {
        try (Streamback consumer = Streamback.create("example_consumer_app", streams);
                Streamback producer = Streamback.create("example_producer_app", streams)) {

            consumer.listen("test_hello_stream", message -> {
                String traceId = message.header("trace_id");   // null when the sender set none
                Instant deadline = message.deadline();          // null for Python senders
                LOG.info("trace_id={} deadline={}", traceId, deadline);
                message.respond("Hello, trace " + traceId);
            });
            consumer.startInBackground();

            try {
                return producer.send("test_hello_stream", Map.of("something", "Hello world!"), TRACED)
                        .read(Duration.ofSeconds(5));
            } catch (FeedbackException e) {
                // e.g. DeadlineExceeded('request expired at ...'): the consumer got it too late and did not run it
                LOG.warn("consumer group {} failed: {}", e.sourceGroup(), e.remoteError());
                return e.remoteError();
            }
        }
    }

    /** A job worth running however late, and an application whose sends set no deadline unless told. */
    static void withoutDeadlines(Streamback producer, String streams) {
        producer.send("rebuild_index", Map.of("full", true), SendOptions.defaults().noDeadline());

        try (Streamback pythonLike = Streamback.builder("example_producer_app")
                .streams(streams)
                .defaultDeadlines(false)   // send() then sets none, as Python does
                .build()) {
            pythonLike.send("test_hello_stream", Map.of("something", "no deadline"));
        }
    }
}
