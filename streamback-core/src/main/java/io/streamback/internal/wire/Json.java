package io.streamback.internal.wire;

import io.streamback.MappingException;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamback.StreambackException;
import io.streamback.internal.text.LogText;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON mapper of the library, and value conversion between plain JSON values
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, null) and user types.
 *
 * <p>Integers beyond 64 bits become {@link java.math.BigInteger}; records and POJOs (fields or
 * setters) map by property name; unknown properties are ignored.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private Json() {
    }

    /** The shared, configured mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Converts a JSON value to {@code type}.
     *
     * @throws io.streamback.MappingException naming the type when the value does not fit it
     */
    public static <T> @Nullable T convert(@Nullable Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new MappingException("cannot map " + describe(value) + " to " + type.getName()
                    + ": " + LogText.of(e.getMessage()), e);
        }
    }

    /** Converts any object (a record, a POJO, a map) to plain JSON values. */
    public static @Nullable Object toPlain(@Nullable Object value) {
        return MAPPER.convertValue(value, Object.class);
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName();
    }
}
