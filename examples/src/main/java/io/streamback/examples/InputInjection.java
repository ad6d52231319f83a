package io.streamback.examples;

import io.streamback.Input;
import io.streamback.Listen;
import io.streamback.Streamback;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listener methods that receive only the fields of the message they need. */
public final class InputInjection {
    private static final Logger LOG = LoggerFactory.getLogger(InputInjection.class);

    /** The listeners; {@code register} finds them by their {@link Listen} annotation. */
    public static final class Handlers {
        @Listen(topic = "test_input")
        void testInput(@Input("arg1") String arg1, @Input("arg2") String arg2) {
            LOG.info("arg1={} arg2={}", arg1, arg2);
        }

        @Listen(topic = "test_sum")
        int sum(@Input("a") int a, @Input("b") int b) {
            return a + b;   // a non-null return value is sent as the reply
        }
    }

    private InputInjection() {
    }

    /** Sends one message to itself, then listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.register(new Handlers());

        streamback.send("test_input", Map.of("arg1", "Hello world!", "arg2", "Hello world!"));

        streamback.start();
    }
}
