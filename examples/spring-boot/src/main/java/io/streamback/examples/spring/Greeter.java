package io.streamback.examples.spring;

import io.streamback.Input;
import io.streamback.Listen;
import org.springframework.stereotype.Component;

/** The RPC listener: a bean like any other, whose {@code @Listen} methods the starter registers. */
@Component
public class Greeter {
    @Listen(topic = "greet")
    String greet(@Input("name") String name) {
        return "Hello, " + name + "!";   // the reply
    }
}
