package io.streamback.examples;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads that do not block the caller, and reading a stream started elsewhere. */
public final class AsyncReads {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncReads.class);

    private AsyncReads() {
    }

    /** Sends 1,000 requests at once, then hands one reply stream over. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            // 1,000 reads in flight: none holds a thread or a Redis connection while it waits
            List<CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                replies.add(streamback.send("test_hello_stream", Map.of("n", i))
                        .readAsync(String.class, Duration.ofSeconds(10)));
            }
            CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).join();

            // resume reading a stream elsewhere: another thread, or another process given the topic
            FeedbackLane lane = streamback.send("test_hello_stream", Map.of("something", "Hello world!"));
            String feedbackTopic = lane.feedbackTopic();

            FeedbackLane later = streamback.continueStream(feedbackTopic);
            for (Object message : later.stream()) {
                LOG.info("reply: {}", message);
            }
        }
    }
}
