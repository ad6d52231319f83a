package io.streamback.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where {@code listen} starts in each partition: {@code beginning}, {@code end}, an offset
 * ({@code 42}), the last N records ({@code -10}), a time ({@code 2026-12-01T09:30:00Z}, or local
 * {@code 2026-12-01T09:30}), or a time that long ago ({@code 10m}, {@code 1h}).
 */
sealed interface StartPosition {
    /** The first record still kept. */
    record Beginning() implements StartPosition {
    }

    /** After the last record: only what comes next. */
    record End() implements StartPosition {
    }

    /** This offset in every partition, within what the partition keeps. */
    record Offset(long offset) implements StartPosition {
    }

    /** The last {@code count} records of every partition. */
    record LastRecords(long count) implements StartPosition {
    }

    /** The first record at or after this time in every partition. */
    record Time(Instant time) implements StartPosition {
    }

    /** Whether a consumer group can start there: only beginning and end map to {@code auto.offset.reset}. */
    default boolean forGroups() {
        return this instanceof Beginning || this instanceof End;
    }

    /** For messages: {@code the beginning}, {@code offset 42}... */
    default String describe() {
        if (this instanceof Beginning) {
            return "the beginning";
        }
        if (this instanceof End) {
            return "the end";
        }
        if (this instanceof Offset offset) {
            return "offset " + offset.offset();
        }
        if (this instanceof LastRecords last) {
            return "the last " + last.count() + " records of each partition";
        }
        return ((Time) this).time().toString();
    }

    /**
     * The position {@code text} names.
     *
     * @throws IllegalArgumentException naming the forms expected
     */
    static StartPosition parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        switch (trimmed) {
            case "beginning", "earliest", "start" -> {
                return new Beginning();
            }
            case "end", "latest", "now" -> {
                return new End();
            }
            default -> {
                // an offset or a time below
            }
        }
        if (trimmed.matches("-?\\d{1,18}")) {
            long number = Long.parseLong(trimmed);
            return number < 0 ? new LastRecords(-number) : new Offset(number);
        }
        try {
            return new Time(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            // local time, or a duration
        }
        try {
            return new Time(LocalDateTime.parse(text.trim()).atZone(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException notLocal) {
            // a duration
        }
        try {
            Duration ago = DurationParser.parse(text);
            return new Time(Instant.now().minus(ago));
        } catch (IllegalArgumentException notADuration) {
            throw new IllegalArgumentException("'" + text + "' is not a start: expected beginning, end, an offset"
                    + " (42, or -10 for the last 10 records of each partition), a time (2026-12-01T09:30:00Z, or"
                    + " 2026-12-01T09:30 in local time) or how long ago (10m, 2h)");
        }
    }

    /** The picocli converter of {@code --from}. */
    final class Converter implements ITypeConverter<StartPosition> {
        @Override
        public StartPosition convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
