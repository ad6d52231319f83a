package io.streamback.examples;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streaming RPC, producer side: reads every reply in a loop, as a {@code Stream}, or reply by reply. */
public final class StreamingProducer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingProducer.class);

    private StreamingProducer() {
    }

    /** Sends on {@code test_hello_stream} three times and logs the replies. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            // every reply until the consumer's end marker
            for (String message : streamback.send("test_hello_stream", Map.of("something", "Hello world!"))
                    .stream(String.class)) {
                LOG.info("reply: {}", message);
            }

            // OR as a java.util.stream.Stream: replies are read as the pipeline asks for them
            List<String> firstThree = streamback.send("test_hello_stream", Map.of("something", "Hello world!"))
                    .replies(String.class)
                    .limit(3)
                    .toList();

            // OR one reply at a time (a read after the end marker throws StreamEndedException)
            FeedbackLane stream = streamback.send("test_hello_stream", Map.of("something", "Hello world!"));

            Object message1 = stream.read();
            Object message2 = stream.read();
            Object message3 = stream.read();

            LOG.info("replies: {}; {}, {}, {}", firstThree, message1, message2, message3);
        }
    }
}
