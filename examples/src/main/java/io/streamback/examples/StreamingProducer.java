package io.streamback.examples;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streaming RPC, producer side: reads every reply in a loop, or reply by reply. */
public final class StreamingProducer {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingProducer.class);

    private StreamingProducer() {
    }

    /** Sends on {@code test_hello_stream} twice and logs the replies. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            // every reply until the consumer's end marker
            for (Object message : streamback.send("test_hello_stream", Map.of("something", "Hello world!")).stream()) {
                LOG.info("reply: {}", message);
            }

            // OR one reply at a time (null once the end marker was read)
            FeedbackLane stream = streamback.send("test_hello_stream", Map.of("something", "Hello world!"));

            Object message1 = stream.read();
            Object message2 = stream.read();
            Object message3 = stream.read();

            LOG.info("replies: {}, {}, {}", message1, message2, message3);
        }
    }
}
