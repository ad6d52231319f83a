package io.streamback.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a positive duration written as a whole number and a unit ({@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}) or in ISO-8601 ({@code PT10S}).
 */
final class DurationParser implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final String FORMS = "expected e.g. 500ms, 10s, 2m, 1h or PT10S";

    /**
     * The duration {@code text} says.
     *
     * @throws IllegalArgumentException when {@code text} is not a positive duration in one of the forms above
     */
    static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration duration = trimmed.startsWith("p") || trimmed.startsWith("-p") ? iso(text) : shortForm(text, trimmed);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return duration;
    }

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + FORMS, e);
        }
    }

    private static Duration shortForm(String text, String trimmed) {
        Matcher matcher = SHORT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + FORMS);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
        try {
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }
}
