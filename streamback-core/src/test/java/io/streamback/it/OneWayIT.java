package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OneWayIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void listenerReceivesValueKeyAndTopic(@Streams String streams) {
        String topic = unique("one_way");
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("one_way_consumer"), streams))
                .listen(topic, message -> { received.add(message); })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("one_way_producer"), streams));

        producer.send(topic, Map.of("something", "Hello world!"), "key-1");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).hasSize(1));
        Message message = received.get(0);
        assertThat(message.value()).isEqualTo(Map.of("something", "Hello world!"));
        assertThat(message.key()).isEqualTo("key-1");
        assertThat(message.topic()).isEqualTo(topic);
        assertThat(message.sourceGroup()).isEqualTo(producer.name());
        assertThat(message.feedbackTopic()).startsWith("streamback_feedback_");
    }

    @Test
    void messageWithoutKeyHasNullKey(@Streams String streams) {
        String topic = unique("one_way_nokey");
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("one_way_consumer"), streams))
                .listen(topic, message -> { received.add(message); })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("one_way_producer"), streams));

        producer.send(topic, "plain text");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(received.get(0).value()).isEqualTo("plain text");
        assertThat(received.get(0).key()).isNull();
    }
}
