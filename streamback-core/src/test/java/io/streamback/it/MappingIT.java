package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.Streamback;
import io.streamback.StreambackException;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MappingIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    record OrderRequest(String item, int quantity, List<String> tags) {
    }

    record OrderReply(String item, long total, BigInteger reference, boolean accepted) {
    }

    /** A mutable POJO, the other shape users map to. */
    static final class Receipt {
        private String item;
        private long total;

        String item() {
            return item;
        }

        long total() {
            return total;
        }
    }

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void consumerMapsInputAndProducerMapsReply(@Streams String streams) {
        String topic = unique("mapping");
        String consumerName = unique("mapping_consumer");
        closer.add(Streamback.create(consumerName, streams))
                .listen(topic, message -> {
                    OrderRequest request = message.map(OrderRequest.class);
                    message.respond(new OrderReply(request.item(), request.quantity() * 10L,
                            new BigInteger("12345678901234567890"), request.tags().contains("ok")));
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("mapping_producer"), streams));

        OrderReply reply = producer.send(topic, new OrderRequest("book", 3, List.of("ok", "gift")))
                .from(consumerName).read(OrderReply.class, REPLY_TIMEOUT);

        assertThat(reply).isEqualTo(new OrderReply("book", 30, new BigInteger("12345678901234567890"), true));
    }

    @Test
    void mapsToPojosAndIgnoresUnknownFields(@Streams String streams) {
        String topic = unique("mapping_pojo");
        String consumerName = unique("mapping_consumer");
        closer.add(Streamback.create(consumerName, streams))
                .listen(topic, message -> message.respond(message.value()))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("mapping_producer"), streams));

        Receipt receipt = producer.send(topic, Map.of("item", "pen", "total", 7, "unknown", "ignored"))
                .from(consumerName).read(Receipt.class, REPLY_TIMEOUT);

        assertThat(receipt.item()).isEqualTo("pen");
        assertThat(receipt.total()).isEqualTo(7);
    }

    @Test
    void aValueThatDoesNotFitNamesTheType(@Streams String streams) {
        String topic = unique("mapping_bad");
        String consumerName = unique("mapping_consumer");
        closer.add(Streamback.create(consumerName, streams))
                .listen(topic, message -> message.respond("not an order"))
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("mapping_producer"), streams));

        var lane = producer.send(topic, Map.of());

        assertThatThrownBy(() -> lane.from(consumerName).read(OrderReply.class, REPLY_TIMEOUT))
                .isInstanceOf(StreambackException.class)
                .hasMessageContaining("OrderReply");
    }
}
