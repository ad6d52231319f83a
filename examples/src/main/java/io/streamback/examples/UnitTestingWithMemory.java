package io.streamback.examples;

import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer and a producer in one JVM on the in-memory streams: no Kafka, no Redis, no sockets.
 * This is how to unit-test listeners; {@code ExamplesMemoryTest} runs it.
 */
public final class UnitTestingWithMemory {
    private static final Logger LOG = LoggerFactory.getLogger(UnitTestingWithMemory.class);

    /**
     * What a {@code greet} message carries.
     *
     * @param name who to greet
     */
    public record Greet(String name) {
    }

    private UnitTestingWithMemory() {
    }

    /** Greets Ada and logs the reply. */
    public static void main(String[] args) {
        LOG.info("reply: {}", greet("main=memory://&feedback=memory://", "Ada"));
    }

    /** Starts a greeter on {@code streams}, asks it to greet {@code name} and returns its reply. */
    public static Object greet(String streams, String name) {
        try (Streamback greeter = Streamback.create("greeter", streams);
                Streamback caller = Streamback.create("caller", streams)) {

            greeter.listen("greet", (context, message) ->
                    message.respond("Hello, " + message.map(Greet.class).name() + "!"));
            greeter.startInBackground();

            return caller.send("greet", Map.of("name", name)).read(Duration.ofSeconds(5));
        }
    }
}
