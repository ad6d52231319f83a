package io.streamback.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamback.Streamback;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' values and the application's own Jackson mapper: here one whose Python peers name their
 * fields in snake_case. {@code ExamplesMemoryTest} runs {@link #book(String, Booking)}.
 */
public final class JsonMapping {
    private static final Logger LOG = LoggerFactory.getLogger(JsonMapping.class);

    /**
     * A booking, sent as {@code {"room_id": ..., "starts_at": "2024-05-01T09:30:00Z", "note": null}}.
     *
     * @param roomId the room
     * @param startsAt when it starts
     * @param note what the rooms service says, if anything
     */
    public record Booking(String roomId, Instant startsAt, Optional<String> note) {
    }

    private JsonMapping() {
    }

    /** The application's mapper: the library's defaults, plus snake_case names. */
    public static ObjectMapper snakeCaseMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())                              // Instant, LocalDate, Duration...
                .addModule(new Jdk8Module())                                  // Optional: empty is null
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)      // "2024-05-01T09:30:00Z", not a number
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)  // roomId is sent as room_id
                .build();
        return mapper;
    }

    /** Books a room and logs the answer. */
    public static void main(String[] args) {
        ObjectMapper mapper = snakeCaseMapper();
        Streamback streamback = Streamback.builder("example_producer_app")
                .streams("main=kafka://kafka:9092&feedback=redis://redis:6379")
                .objectMapper(mapper)   // values sent, answered, mapped; the envelope stays Python's
                .build();

        try (streamback) {
            Booking booking = new Booking("r1", Instant.parse("2024-05-01T09:30:00Z"), Optional.empty());
            Booking answer = streamback.send("book_room", booking).from("rooms")
                    .read(Booking.class, Duration.ofSeconds(10));
            LOG.info("room={} note={}", answer.roomId(), answer.note().orElse("none"));
        }
    }

    /** Starts a rooms service on {@code streams}, books {@code booking} with it and returns its answer. */
    public static Booking book(String streams, Booking booking) {
        ObjectMapper mapper = snakeCaseMapper();
        try (Streamback rooms = Streamback.builder("rooms").streams(streams).objectMapper(mapper).build();
                Streamback caller = Streamback.builder("caller").streams(streams).objectMapper(mapper).build()) {

            rooms.listen("book_room", (context, message) -> {
                Booking wanted = message.map(Booking.class);
                message.respond(new Booking(wanted.roomId(), wanted.startsAt(), Optional.of("confirmed")));
            });
            rooms.startInBackground();

            return caller.send("book_room", booking).from("rooms").read(Booking.class, Duration.ofSeconds(5));
        }
    }
}
