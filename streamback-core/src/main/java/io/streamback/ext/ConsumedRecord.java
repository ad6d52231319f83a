package io.streamback.ext;

import io.streamback.Message;
import java.util.Objects;

/**
 * A record a worker begins, as {@link StreambackObserver#onRecord} sees it.
 *
 * @param application the consuming application's name
 * @param consumerGroup its consumer group
 * @param workerGroup the worker group handling it: {@code pool}, or the topic of a listener with a
 *     concurrency of its own
 * @param partition the partition it came from
 * @param offset its offset there
 * @param message the message: topic (without prefix), key, headers ({@code traceparent}, say),
 *     deadline, sender's group
 */
public record ConsumedRecord(String application, String consumerGroup, String workerGroup, int partition,
        long offset, Message message) {
    /** Checks that every field is present. */
    public ConsumedRecord {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(workerGroup, "workerGroup");
        Objects.requireNonNull(message, "message");
    }

    /** The topic, without the topics prefix. */
    public String topic() {
        return message.topic();
    }
}
