package io.streamback.internal.kafka;

import io.streamback.internal.text.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the Kafka cluster is and how to log in: the {@code main=kafka://...} part of a streams
 * string, plus extra client properties. {@link #toString()} never shows the password.
 *
 * @param bootstrapServers {@code host:port} of one or more brokers
 * @param username the SASL/PLAIN user, or null for no authentication
 * @param password the SASL/PLAIN password, or null
 * @param properties extra kafka-clients properties; they win over the defaults
 */
public record KafkaSettings(
        List<String> bootstrapServers,
        @Nullable String username,
        @Nullable String password,
        Map<String, String> properties) {

    /** Copies the lists and checks the servers are present. */
    public KafkaSettings {
        bootstrapServers = List.copyOf(bootstrapServers);
        properties = Map.copyOf(properties);
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("at least one Kafka bootstrap server is needed");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SASL needs both a user and a password");
        }
    }

    /** The same settings with more client properties. */
    public KafkaSettings withProperties(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(more);
        return new KafkaSettings(bootstrapServers, username, password, merged);
    }

    /** Connection and authentication properties common to producers, consumers and admin clients (the CLI's tap and top use them too). */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", String.join(",", bootstrapServers));
        if (username != null) {
            props.put("security.protocol", "SASL_PLAINTEXT");
            props.put("sasl.mechanism", "PLAIN");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"" + escape(username) + "\" password=\"" + escape(Objects.requireNonNull(password)) + "\";");
        }
        return props;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "kafka://" + (username == null ? "" : Secrets.encodeUser(username) + "@" + Secrets.MASK + ":")
                + String.join(",", bootstrapServers);
    }
}
