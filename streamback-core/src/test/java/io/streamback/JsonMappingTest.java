package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users' values go through their application's mapper (issue 8); the envelope never does. */
class JsonMappingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant AT = Instant.parse("2024-05-01T09:30:00.123Z");

    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    record Stamp(String id, Instant at, Optional<String> note, Optional<String> none) {
    }

    record Order(String orderId, int itemCount, Instant placedAt) {
    }

    @Test
    void aRecordHoldingAnInstantAndAnOptionalRoundTripsWithTheDefaultMapper() {
        Stamp stamp = new Stamp("s1", AT, Optional.of("first"), Optional.empty());
        apps.create("consumer").listen("stamp", message -> message.respond(message.map(Stamp.class)))
                .startInBackground();
        Streamback producer = apps.create("producer");

        assertThat(producer.send("stamp", stamp).from("consumer").read(Stamp.class, WAIT)).isEqualTo(stamp);

        // what a Python service reads: ISO-8601 text, and null for an empty Optional
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> plain = (Map<String, @Nullable Object>) producer.send("stamp", stamp).read(WAIT);
        assertThat(plain).hasSize(4).containsEntry("id", "s1").containsEntry("at", "2024-05-01T09:30:00.123Z")
                .containsEntry("note", "first").containsEntry("none", null);
    }

    @Test
    void aDurationIsANumberOfSecondsWithTheDefaultMapper() {
        apps.create("consumer").listen("wait", message -> message.respond(Duration.ofMillis(1500)))
                .startInBackground();

        FeedbackLane lane = apps.create("producer").send("wait", null);

        assertThat(lane.read(WAIT)).isEqualTo(1.5);
    }

    @Test
    void aCustomMapperMapsSentValuesRepliesMessageMapAndInputs() {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        apps.build(Streamback.builder("consumer").objectMapper(snakeCase()))
                .listen("orders", message -> {
                    seen.put("value", message.value());
                    Order order = message.map(Order.class);
                    message.respond(new Order(order.orderId() + "-done", order.itemCount() + 1, order.placedAt()));
                })
                .register(new OrderHandlers())
                .startInBackground();
        Streamback producer = apps.build(Streamback.builder("producer").objectMapper(snakeCase()));

        FeedbackLane lane = producer.send("orders", new Order("o1", 2, AT));

        assertThat(lane.from("consumer").read(Order.class, WAIT)).isEqualTo(new Order("o1-done", 3, AT));
        assertThat(seen.get("value")).isEqualTo(Map.of("order_id", "o1", "item_count", 2,
                "placed_at", "2024-05-01T09:30:00.123Z"));
        Object injected = producer.send("order_inputs", Map.of("order", new Order("o2", 5, AT))).read(WAIT);
        assertThat(injected).isEqualTo(List.of("o2", 5));
    }

    @Test
    void twoInstancesWithDifferentMappersInOneJvmEachUseTheirOwn() {
        Map<String, @Nullable Object> wire = new ConcurrentHashMap<>();
        apps.create("spy")
                .listen("from_snake", message -> wire.put("snake", message.value()))
                .listen("from_millis", message -> wire.put("millis", message.value()))
                .listen("from_default", message -> wire.put("default", message.value()))
                .startInBackground();
        Streamback snake = apps.build(Streamback.builder("snake").objectMapper(snakeCase()));
        Streamback millis = apps.build(Streamback.builder("millis").objectMapper(instantsAsEpochMillis()));
        Streamback plain = apps.create("plain");

        Order order = new Order("o1", 1, AT);
        snake.sendOneWay("from_snake", order);
        millis.sendOneWay("from_millis", order);
        plain.sendOneWay("from_default", order);

        await().atMost(WAIT).untilAsserted(() -> assertThat(wire).hasSize(3));
        assertThat(wire.get("snake")).isEqualTo(Map.of("order_id", "o1", "item_count", 1,
                "placed_at", "2024-05-01T09:30:00.123Z"));
        assertThat(wire.get("millis")).isEqualTo(Map.of("orderId", "o1", "itemCount", 1,
                "placedAt", AT.toEpochMilli()));
        assertThat(wire.get("default")).isEqualTo(Map.of("orderId", "o1", "itemCount", 1,
                "placedAt", "2024-05-01T09:30:00.123Z"));
    }

    @Test
    void oneRouterInTwoInstancesInjectsInputsWithEachInstancesMapper() {
        Router shared = new Router().register(new OrderHandlers());
        apps.build(Streamback.builder("snake_consumer").objectMapper(snakeCase()).topicsPrefix("snake"))
                .includeRouter(shared).startInBackground();
        apps.build(Streamback.builder("default_consumer").topicsPrefix("plain")).includeRouter(shared)
                .startInBackground();
        Streamback snakeProducer = apps.build(Streamback.builder("snake_producer").topicsPrefix("snake"));
        Streamback plainProducer = apps.build(Streamback.builder("plain_producer").topicsPrefix("plain"));

        Map<String, Object> snakeOrder = Map.of("order", Map.of("order_id", "s", "item_count", 7));
        Map<String, Object> plainOrder = Map.of("order", Map.of("orderId", "p", "itemCount", 8));

        assertThat(snakeProducer.send("order_inputs", snakeOrder).read(WAIT)).isEqualTo(List.of("s", 7));
        assertThat(plainProducer.send("order_inputs", plainOrder).read(WAIT)).isEqualTo(List.of("p", 8));
    }

    @Test
    void aGivenMapperIsUsedAsGivenWithNoModuleAdded() {
        ObjectMapper bare = new ObjectMapper();
        apps.build(Streamback.builder("consumer").objectMapper(bare))
                .listen("stamp", message -> message.respond(AT)).startInBackground();
        Streamback producer = apps.build(Streamback.builder("producer").objectMapper(bare));

        assertThatThrownBy(() -> producer.send("stamp", new Stamp("s", AT, Optional.empty(), Optional.empty())))
                .isInstanceOf(StreambackException.class)
                .hasMessageContaining("cannot write " + Stamp.class.getName() + " as JSON")
                .hasMessageContaining("Java 8 date/time type");
        assertThatThrownBy(() -> producer.send("stamp", null).read(WAIT)).isInstanceOf(FeedbackException.class)
                .hasMessageContaining("cannot write java.time.Instant as JSON");
        assertThat(bare.getRegisteredModuleIds()).isEmpty();
    }

    static final class OrderHandlers {
        @Listen(topic = "order_inputs")
        List<Object> orderInputs(@Input("order") Order order) {
            return List.of(order.orderId(), order.itemCount());
        }
    }

    private static ObjectMapper snakeCase() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    private static ObjectMapper instantsAsEpochMillis() {
        SimpleModule module = new SimpleModule("instants-as-epoch-millis");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.toEpochMilli());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
        });
        return JsonMapper.builder().addModule(module).build();
    }
}
