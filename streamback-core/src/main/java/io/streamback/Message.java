package io.streamback;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A message received from the main stream, handed to a listener. */
public interface Message {
    /** The message's value: a plain JSON value ({@code Map}, {@code List}, {@code String}, number, boolean) or null. */
    @Nullable Object value();

    /** The record key the sender gave, or null. */
    @Nullable String key();

    /** The topic the message came from, without the topics prefix. */
    String topic();

    /** The name of the application that sent it, when it said. */
    @Nullable String sourceGroup();

    /** The feedback topic replies go to, when the sender set one. */
    @Nullable String feedbackTopic();

    /**
     * The record's headers (Kafka headers) by name, in the order they came, as UTF-8 text. Bytes
     * that are not UTF-8 read as U+FFFD, a header without a value as {@code ""}, and of a name that
     * came twice the last value counts. Empty for a message without headers, such as Python's.
     */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** The header {@code name}'s value (see {@link #headers()}), or null when the record has none of that name. */
    default @Nullable String header(String name) {
        Objects.requireNonNull(name, "name");
        return headers().get(name);
    }

    /**
     * The sender's deadline (see {@link SendOptions}), or null when it set none, as Python senders
     * never do. A listener runs only when it began before it; a long listener may check it again.
     */
    default @Nullable Instant deadline() {
        return null;
    }

    /**
     * The value mapped to {@code type} by {@link StreambackBuilder#objectMapper the application's
     * mapper}: a record, a POJO, a {@code Map}, a {@code String}...
     *
     * @throws MappingException naming the type when the value does not fit it
     */
    <T> @Nullable T map(Class<T> type);

    /**
     * Sends one reply to the sender. Anything {@link StreambackBuilder#objectMapper the application's
     * mapper} can write may be given (records, maps, strings, {@code java.time} types by default).
     * A message without a valid feedback topic logs a warning and sends nothing.
     *
     * @throws FeedbackUnavailableException when no feedback stream is configured
     * @throws MappingException when the mapper cannot write {@code value}
     */
    void respond(@Nullable Object value);

    /**
     * Sends one reply made of {@code payload}'s fields as they are, plus {@code event} and
     * {@code source_group}: Python's {@code respond(payload=...)}. Readers get its {@code value} field.
     *
     * @throws FeedbackUnavailableException when no feedback stream is configured
     */
    void respondPayload(Map<String, ?> payload);
}
