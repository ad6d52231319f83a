package io.streamback.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.StreambackException;
import java.util.List;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The three reasons a send stops waiting, told apart by the producer's connection metrics. */
class BlockedSendTest {
    private static final List<String> SERVERS = List.of("kafka-1:9092", "kafka-2:9092");
    private static final TimeoutException METADATA = new TimeoutException("Topic orders not present in metadata after 5000 ms.");

    @Test
    void noConnectionAndNoResponseEverMeansNoBootstrapServerAnswered() {
        StreambackException error = BlockedSend.explain("orders", METADATA, SERVERS, "5000", 0, 0);

        assertThat(error).hasMessageStartingWith("cannot send to topic orders: no Kafka broker answered within 5000 ms")
                .hasMessageContaining("none of the bootstrap servers kafka-1:9092,kafka-2:9092 could be reached")
                .hasMessageContaining("security.protocol")
                .hasCause(METADATA);
    }

    @Test
    void noConnectionAfterSomeResponsesPointsAtTheAdvertisedAddresses() {
        StreambackException error = BlockedSend.explain("orders", METADATA, SERVERS, "5000", 0, 3);

        assertThat(error).hasMessageContaining("no Kafka broker answered within 5000 ms")
                .hasMessageContaining("answered before but no broker is connected now")
                .hasMessageContaining("advertised.listeners");
    }

    @Test
    void anOpenConnectionMeansTheTopicDoesNotExist() {
        StreambackException error = BlockedSend.explain("orders", METADATA, SERVERS, "5000", 1, 7);

        assertThat(error).hasMessageContaining("the Kafka brokers at kafka-1:9092,kafka-2:9092 answered")
                .hasMessageContaining("topic orders does not exist and was not created within 5000 ms")
                .hasMessageContaining("auto.create.topics.enable");
    }

    @Test
    void aFullBufferSaysSoWhateverTheConnections() {
        BufferExhaustedException full = new BufferExhaustedException("Failed to allocate 100 bytes within 5000 ms.");

        StreambackException error = BlockedSend.explain("orders", full, SERVERS, "5000", 1, 7);

        assertThat(error).hasMessageContaining("the producer's buffer (buffer.memory) stayed full for 5000 ms")
                .hasMessageContaining("raise buffer.memory")
                .hasCause(full);
    }
}
