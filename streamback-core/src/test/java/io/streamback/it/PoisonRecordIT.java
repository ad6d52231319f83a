package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.FeedbackException;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A record that kills every worker that handles it is given up instead of blocking its partition. */
@StreambackTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoisonRecordIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    /** Not an Exception, nor a LinkageError or AssertionError: it escapes the listener handling and kills the worker. */
    static final class Indigestion extends Error {
        private static final long serialVersionUID = 1L;

        Indigestion(String message) {
            super(message);
        }
    }

    @Test
    void aRecordThatKeepsKillingWorkersIsFailedDeadLetteredAndPassed(@Streams String streams) {
        String topic = unique("poison");
        String deadLetters = unique("poison_dead");
        AtomicInteger poisonTries = new AtomicInteger();
        Streamback consumer = closer.add(Streamback.builder(unique("poison_consumer")).streams(streams)
                .rescaleInterval(Duration.ofMillis(200)).build());
        consumer.listen(topic, RetryStrategy.none().deadLetterTopic(deadLetters), message -> {
            if (Boolean.TRUE.equals(message.map(Map.class).get("poison"))) {
                poisonTries.incrementAndGet();
                throw new Indigestion("cannot digest");
            }
            message.respond("ok");
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("poison_producer"), streams));

        assertThatThrownBy(() -> producer.send(topic, Map.of("poison", true), "k").read(PATIENCE))
                .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.remoteError())
                        .isEqualTo("WorkerKilled('io.streamback.it.PoisonRecordIT$Indigestion: cannot digest')"));

        assertThat(poisonTries).as("workers killed before the record was given up").hasValue(2);
        assertThat(producer.send(topic, Map.of("poison", false), "k").read(PATIENCE)).isEqualTo("ok");
        List<ConsumerRecord<byte[], byte[]>> dead = ItSupport.readRaw(deadLetters, 1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"poison\":true");
        assertThat(new String(dead.get(0).headers().lastHeader("streamback.error").value(), StandardCharsets.UTF_8))
                .startsWith("WorkerKilled(");
    }
}
