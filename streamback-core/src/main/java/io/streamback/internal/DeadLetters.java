package io.streamback.internal;

import io.streamback.ListenerInfo;
import io.streamback.spi.InboundRecord;
import io.streamback.spi.MainStream;
import io.streamback.spi.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that failed for good to a dead-letter topic: the original key and value, plus
 * headers saying where the record came from and why it failed. Waits for the broker, so the
 * original's offset is committed only once the dead letter is safe.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final MainStream main;

    DeadLetters(MainStream main) {
        this.main = main;
    }

    void send(String topic, InboundRecord record, ListenerInfo listener, String error) {
        Map<String, byte[]> headers = Map.of(
                "streamback.error", bytes(error),
                "streamback.listener", bytes(listener.name()),
                "streamback.original.topic", bytes(record.topic()),
                "streamback.original.partition", bytes(Integer.toString(record.partition())),
                "streamback.original.offset", bytes(Long.toString(record.offset())));
        try {
            main.send(new OutboundRecord(topic, record.key(), record.value(), headers))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("event=dead_lettered {} dead_letter_topic={}", record.position(), topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("event=dead_letter_failed {} dead_letter_topic={} error=interrupted", record.position(), topic);
        } catch (Exception e) {
            LOG.error("event=dead_letter_failed {} dead_letter_topic={} error={}", record.position(), topic,
                    e.toString());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
