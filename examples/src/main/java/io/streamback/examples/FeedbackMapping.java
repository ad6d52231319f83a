package io.streamback.examples;

import io.streamback.Streamback;
import io.streamback.TypeRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the reply of one consumer group, mapped to a record, and a reply mapped to a list of records. */
public final class FeedbackMapping {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackMapping.class);

    /**
     * What the {@code main_app} consumer answers (see {@link InputMapping}).
     *
     * @param arg1 the first argument
     * @param arg2 the second argument
     */
    public record TestResponse(String arg1, String arg2) {
    }

    private FeedbackMapping() {
    }

    /** Sends on {@code test_input} and {@code test_inputs} and logs the mapped replies. */
    public static void main(String[] args) {
        try (Streamback streamback = Streamback.create("example_producer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")) {

            TestResponse response = streamback.send("test_input", Map.of("arg1", "Hello world!", "arg2", "Hello world!"))
                    .from("main_app").read(TestResponse.class, Duration.ofSeconds(10));
            LOG.info("arg1={} arg2={}", response.arg1(), response.arg2());

            // a generic type: a TypeRef subclass captures List<TestResponse>
            List<TestResponse> batch = streamback.send("test_inputs", List.of(Map.of("arg1", "a", "arg2", "b")))
                    .from("main_app").read(new TypeRef<List<TestResponse>>() { }, Duration.ofSeconds(10));
            LOG.info("{} responses", batch.size());
        }
    }
}
