package io.streamback.examples.spring;

import io.streamback.Streamback;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The caller: the auto-configured Streamback bean, injected. */
@Service
public class GreetingClient {
    private final Streamback streamback;

    public GreetingClient(Streamback streamback) {
        this.streamback = streamback;
    }

    /** Asks the greeter; waits up to streamback.feedback-timeout for the reply. */
    public String greet(String name) {
        return streamback.send("greet", Map.of("name", name)).read(String.class);
    }
}
