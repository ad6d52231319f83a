package io.streamback.examples;

import io.streamback.FeedbackException;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RPC, producer side: sends one message and waits up to 10 seconds for the reply, read as a {@code String}. */
public final class RpcProducer {
    private static final Logger LOG = LoggerFactory.getLogger(RpcProducer.class);

    private RpcProducer() {
    }

    /** Sends on {@code test_hello_stream} and logs the reply. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            try {
                String message = streamback.send("test_hello_stream", Map.of("something", "Hello world!"))
                        .read(String.class, Duration.ofSeconds(10));
                LOG.info("reply: {}", message);
            } catch (FeedbackTimeoutException e) {
                LOG.warn("no reply within 10 s: {}", e.getMessage());
            } catch (FeedbackException e) {
                LOG.warn("consumer group {} failed: {}", e.sourceGroup(), e.remoteError());
            } catch (StreamEndedException e) {
                LOG.warn("consumer groups {} ended without replying", e.groups());
            }
        }
    }
}
