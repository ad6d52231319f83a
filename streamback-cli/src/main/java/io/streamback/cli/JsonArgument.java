package io.streamback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a command-line argument as one JSON value ({@code {"a":1}}, {@code [1,2]}, {@code "text"},
 * {@code 42}, {@code true}, {@code null}) into plain values: maps, lists, strings, numbers.
 */
final class JsonArgument implements ITypeConverter<Object> {
    // the command line's own JSON, plain values only; an ObjectReader is immutable
    private static final ObjectReader READER = JsonLines.MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The value {@code text} holds.
     *
     * @throws IllegalArgumentException when {@code text} is not exactly one JSON value
     */
    static @Nullable Object parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("the JSON argument is empty: give e.g. '{\"name\":\"Ada\"}' or '\"text\"'");
        }
        try {
            return READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + text + "' is not valid JSON: " + problem(e) + hint(text), e);
        }
    }

    private static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message.startsWith("Trailing token") ? "there is more after the first value" : message;
    }

    private static String hint(String text) {
        char first = text.strip().charAt(0);
        return Character.isLetter(first) ? " (a string needs quotes: '\"" + text.strip() + "\"')" : "";
    }

    @Override
    public @Nullable Object convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
