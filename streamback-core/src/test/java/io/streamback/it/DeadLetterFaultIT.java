package io.streamback.it;

import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import io.streamback.testkit.Streams;
import io.streamback.testkit.StreambackTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dead-letter topic that rejects the record (its {@code max.message.bytes} is too small): the
 * failed record is not committed but delivered again, until the topic takes it; then it is
 * dead-lettered and committed. Nothing is lost on the way.
 */
@StreambackTest
@Tag("fault")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLetterFaultIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void aRecordWhoseDeadLetterIsRejectedIsNotCommittedButDeliveredAgain(@Streams String streams) {
        String topic = unique("dead_letter_fault");
        String deadLetters = unique("dead_letter_fault_dlt");
        String group = unique("dead_letter_fault_consumer");
        Admin admin = closer.add(ItSupport.admin());
        get(admin.createTopics(List.of(new NewTopic(deadLetters, 1, (short) 1)
                .configs(Map.of("max.message.bytes", "200")))).all());
        AtomicInteger calls = new AtomicInteger();
        Streamback consumer = closer.add(Streamback.builder(group).streams(streams).build());
        consumer.listen(topic, RetryStrategy.none().deadLetterTopic(deadLetters), message -> {
            calls.incrementAndGet();
            throw new IllegalStateException("always fails");
        }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("dead_letter_fault_producer"), streams));
        producer.sendOneWay(topic, Map.of("padding", "x".repeat(1_000))).join();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(calls).hasValueGreaterThan(2));
        long committedWhileRejected = ItSupport.committedOffset(admin, group, topic);
        int callsWhileRejected = calls.get();
        assertThat(committedWhileRejected).as("committed offset while the dead-letter topic rejects the record")
                .isLessThan(1);

        get(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, deadLetters),
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048576"),
                        AlterConfigOp.OpType.SET)))).all());
        List<ConsumerRecord<byte[], byte[]>> dead = ItSupport.readRaw(deadLetters, 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ItSupport.committedOffset(admin, group, topic)).isEqualTo(1));
        System.out.printf("DeadLetterFaultIT: deliveries while the dead-letter topic rejected it=%d, committed"
                + " meanwhile=%d, dead letters once accepted=%d, committed after=%d%n", callsWhileRejected,
                committedWhileRejected, dead.size(), ItSupport.committedOffset(admin, group, topic));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("padding");
        assertThat(new String(dead.get(0).headers().lastHeader("streamback.error").value(), StandardCharsets.UTF_8))
                .contains("always fails");
    }
}
