package io.streamback.examples;

import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;

/** The feedback stream on Redis Sentinel and Redis Cluster, messages that expect no feedback, and the write settings. */
public final class FeedbackDeployments {
    private FeedbackDeployments() {
    }

    /** Opens one application per deployment form and sends one message with each. */
    public static void main(String[] args) {
        // a master found through three sentinels (Lettuce's form), with an ACL user
        try (Streamback sentinel = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis-sentinel://app:secret@s1:26379,s2:26379,s3:26379#mymaster");
                // a Redis Cluster, given some of its nodes
                Streamback cluster = Streamback.create("example_producer_app",
                        "main=kafka://kafka:9092&feedback=redis-cluster://app:secret@r1:6379,r2:6379,r3:6379")) {
            sentinel.send("test_hello", Map.of("something", "Hello world!"));
            cluster.send("test_hello", Map.of("something", "Hello world!"));
        }

        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            // JVM consumers write no end marker for it, and no key in Redis
            streamback.sendOneWay("test_hello", Map.of("something", "Hello world!"));

        }

        try (Streamback streamback = Streamback.builder("example_consumer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .feedbackWriteTimeout(Duration.ofSeconds(30))   // retry a reply this long, then redeliver its record
                .maxPendingFeedbackWrites(4_096)                 // replies on their way before listeners wait
                .feedbackReplicas(1)                             // WAIT for 1 replica (default with Sentinel)
                .build()) {
            streamback.listen("test_hello", (context, message) -> message.respond("ok"));
        }
    }
}
