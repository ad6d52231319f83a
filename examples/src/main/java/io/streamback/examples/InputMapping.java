package io.streamback.examples;

import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps each message's value to a record before using it. */
public final class InputMapping {
    private static final Logger LOG = LoggerFactory.getLogger(InputMapping.class);

    /**
     * What a {@code test_input} message carries.
     *
     * @param arg1 the first argument
     * @param arg2 the second argument
     */
    public record TestInput(String arg1, String arg2) {
    }

    private InputMapping() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("main_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("test_input", (context, message) -> {
            TestInput input = message.map(TestInput.class);
            LOG.info("arg1={} arg2={}", input.arg1(), input.arg2());
            message.respond(input);   // a record is sent as {"arg1": ..., "arg2": ...}
        });
        streamback.listen("test_inputs", (context, message) -> message.respond(message.value()));   // a list back

        streamback.start();
    }
}
