package io.streamback;

import java.util.Objects;

/**
 * What a listener is: its name (the method, class or generated name) and the topic it listens to.
 *
 * @param name a name for logs and callbacks
 * @param topic the topic, without the topics prefix
 */
public record ListenerInfo(String name, String topic) {
    /** Checks that both fields are present. */
    public ListenerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
    }
}
