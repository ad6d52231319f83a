package io.streamback.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamback.MappingException;
import io.streamback.internal.text.LogText;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One application's mapping between its own values and plain JSON values ({@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, null), through the application's
 * {@link ObjectMapper}. Everything the user sends, answers or reads goes through it; the envelope
 * around those values does not (see {@code WireCodec}). Thread-safe.
 */
public final class JsonValues {
    /** How deep {@link #toPlain} looks for a value that is plain JSON already. */
    private static final int PLAIN_DEPTH = 8;
    private final ObjectMapper mapper;

    private JsonValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Values mapped by {@code mapper}, used as given: not copied, not configured. */
    public static JsonValues of(ObjectMapper mapper) {
        return new JsonValues(Objects.requireNonNull(mapper, "mapper"));
    }

    /** Values mapped by a new {@link #defaultMapper()} of their own. */
    public static JsonValues withDefaultMapper() {
        return new JsonValues(defaultMapper());
    }

    /**
     * A new mapper with the library's defaults: the {@code java.time} types ({@link JavaTimeModule})
     * written as ISO-8601 strings ({@link SerializationFeature#WRITE_DATES_AS_TIMESTAMPS} off),
     * {@code Optional} and the other JDK 8 types ({@link Jdk8Module}), unknown properties ignored,
     * empty beans allowed, fields seen whatever their visibility. Integers beyond 64 bits read as
     * {@link java.math.BigInteger}, Jackson's default.
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    /**
     * {@code value} (a record, a POJO, a map of them...) as plain JSON values, ready for the envelope.
     *
     * @throws io.streamback.MappingException naming the type when the mapper cannot write it
     */
    public @Nullable Object toPlain(@Nullable Object value) {
        if (value == null || isPlain(value, 0)) {
            return value; // already what the mapper would make of it: skip a conversion per send
        }
        try {
            return mapper.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            throw new MappingException("cannot write " + value.getClass().getName() + " as JSON: "
                    + LogText.of(e.getMessage()), e);
        }
    }

    /**
     * Whether {@code value} is plain JSON already: a string, boolean, int, long or double, or a list
     * or string-keyed map of those, nested at most {@link #PLAIN_DEPTH} deep.
     */
    private static boolean isPlain(Object value, int depth) {
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Double) {
            return true;
        }
        if (depth >= PLAIN_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || entry.getValue() != null
                        && !isPlain(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element != null && !isPlain(element, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Converts a plain JSON value to {@code type}.
     *
     * @throws io.streamback.MappingException naming the type when the value does not fit it
     */
    public <T> @Nullable T convert(@Nullable Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return mapper.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new MappingException("cannot map " + value.getClass().getSimpleName() + " to " + type.getName()
                    + ": " + LogText.of(e.getMessage()), e);
        }
    }

    /**
     * Converts a plain JSON value to the generic {@code type}, e.g. {@code List<Order>}.
     *
     * @throws IllegalArgumentException when the value does not fit it
     */
    public @Nullable Object convert(@Nullable Object value, JavaType type) {
        return mapper.convertValue(value, type);
    }

    /** The mapper's view of {@code type}, e.g. a parameter's generic type. */
    public JavaType type(Type type) {
        return mapper.constructType(type);
    }
}
