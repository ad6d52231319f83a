package io.streamback.internal;

import io.streamback.ListenerInfo;
import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.text.LogText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that failed for good to a dead-letter topic: the original key, value and headers,
 * plus headers saying where the record came from and why it failed. Waits for the broker, trying
 * {@link #ATTEMPTS} times; the caller commits the original only when the dead letter is safe, and
 * has it delivered again otherwise.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    static final int ATTEMPTS = 3;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final MainStream main;

    DeadLetters(MainStream main) {
        this.main = main;
    }

    /** Sends the dead letter of {@code record}; true once the broker has it, false if every attempt failed. */
    boolean send(String topic, InboundRecord record, ListenerInfo listener, String error) {
        Map<String, byte[]> headers = new LinkedHashMap<>(record.headers());
        headers.put("streamback.error", bytes(error));
        headers.put("streamback.listener", bytes(listener.name()));
        headers.put("streamback.original.topic", bytes(record.topic()));
        headers.put("streamback.original.partition", bytes(Integer.toString(record.partition())));
        headers.put("streamback.original.offset", bytes(Long.toString(record.offset())));
        OutboundRecord deadLetter = new OutboundRecord(topic, record.key(), record.value(), headers);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            String failure = sendOnce(deadLetter);
            if (failure == null) {
                LOG.info("event=dead_lettered {} dead_letter_topic={}", record.position(), topic);
                return true;
            }
            if (attempt == ATTEMPTS || !pause(pause)) {
                LOG.error("event=dead_letter_failed {} dead_letter_topic={} attempts={} error={} action=\"not"
                        + " committed: the record is delivered again\"", record.position(), topic, attempt, LogText.of(failure));
                return false;
            }
            LOG.warn("event=dead_letter_retry {} dead_letter_topic={} attempt={} error={}", record.position(), topic,
                    attempt, LogText.of(failure));
            pause = pause.multipliedBy(2);
        }
    }

    /** Null when the broker has it, else why not. */
    private @Nullable String sendOnce(OutboundRecord deadLetter) {
        try {
            main.send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "no answer from the broker within " + SEND_TIMEOUT.toSeconds() + " s";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
