package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicsPrefixIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void streamsStringPrefixPutsRecordsOnPrefixedTopic(@Streams String streams) throws Exception {
        String topic = unique("prefixed");
        String prefixed = streams + "&topics_prefix=dev";
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("prefix_consumer"), prefixed))
                .listen(topic, message -> {
                    received.add(message);
                    message.respond("seen on " + message.topic());
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("prefix_producer"), prefixed));

        Object reply = producer.send(topic, Map.of("hello", "dev"), "k").read(REPLY_TIMEOUT);

        assertThat(reply).isEqualTo("seen on " + topic);
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.topic()).isEqualTo(topic);
            assertThat(message.value()).isEqualTo(Map.of("hello", "dev"));
        });
        List<ConsumerRecord<byte[], byte[]>> records = ItSupport.readRaw("dev." + topic, 1);
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k");
        JsonNode envelope = JSON.readTree(records.get(0).value());
        assertThat(envelope.get("value")).isEqualTo(JSON.readTree("{\"hello\": \"dev\"}"));
        assertThat(envelope.get("event").asText()).isEqualTo("message");
        assertThat(envelope.get("source_group").asText()).isEqualTo(producer.name());
    }

    @Test
    void builderPrefixWorksTooAndTopicAlreadyPrefixedIsKept(@Streams String streams) {
        String topic = unique("builder_prefixed");
        String prefix = unique("team");
        List<Message> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.builder(unique("prefix_consumer")).streams(streams).topicsPrefix(prefix).build())
                .listen(topic, message -> {
                    received.add(message);
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.builder(unique("prefix_producer")).streams(streams)
                .topicsPrefix(prefix).build());

        producer.send(topic, "short name");
        producer.send(prefix + "." + topic, "full name");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).hasSize(2));
        assertThat(received).extracting(Message::value).containsExactly("short name", "full name");
        assertThat(received).extracting(Message::topic).containsOnly(topic);
        assertThat(ItSupport.readRaw(prefix + "." + topic, 2)).hasSize(2);
    }

    @Test
    void unprefixedConsumerDoesNotSeePrefixedTopic(@Streams String streams) {
        String topic = unique("not_prefixed");
        String prefix = unique("iso");
        List<Message> unprefixedSaw = new CopyOnWriteArrayList<>();
        List<Message> prefixedSaw = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("plain_consumer"), streams))
                .listen(topic, message -> {
                    unprefixedSaw.add(message);
                })
                .startInBackground();
        closer.add(Streamback.create(unique("prefixed_consumer"), streams + "&topics_prefix=" + prefix))
                .listen(topic, message -> {
                    prefixedSaw.add(message);
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("prefix_producer"),
                streams + "&topics_prefix=" + prefix));

        producer.send(topic, "for the prefixed one");
        Streamback plainProducer = closer.add(Streamback.create(unique("plain_producer"), streams));
        plainProducer.send(topic, "for the plain one");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(prefixedSaw).extracting(Message::value).containsExactly("for the prefixed one");
            assertThat(unprefixedSaw).extracting(Message::value).containsExactly("for the plain one");
        });
    }
}
