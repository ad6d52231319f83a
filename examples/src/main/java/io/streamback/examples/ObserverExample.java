package io.streamback.examples;

import io.streamback.Streamback;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.ext.StreambackObserver;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An observer of one's own: logs requests whose first reply took more than a second. */
public final class ObserverExample {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverExample.class);

    private ObserverExample() {
    }

    static final class SlowReplies implements StreambackObserver {
        @Override
        public RequestObserver onRequest(RequestInfo request) {
            return new RequestObserver() {
                @Override
                public void reply(String group, Duration sinceSend, boolean first) {
                    if (first && sinceSend.compareTo(Duration.ofSeconds(1)) > 0) {
                        LOG.warn("slow first reply on {} from {}: {} ms", request.topic(), group, sinceSend.toMillis());
                    }
                }
            };
        }
    }

    /** Sends one request with the observer watching. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.builder("example_producer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .observe(new SlowReplies())
                .build()) {
            LOG.info("reply: {}", streamback.send("test_hello_stream", Map.of("n", 1)).read(Duration.ofSeconds(10)));
        }
    }
}
