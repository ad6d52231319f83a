package io.streamback.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code listen} prints a record: {@code json} (the whole record, one JSON object a line),
 * {@code value} (the value's JSON), {@code key-value} (the key, a tab, the value's JSON), or a
 * template of the record's fields such as {@code '{partition}:{offset} {value.name}'}.
 */
final class OutputFormat {
    /** The named forms, for help texts and "did you mean". */
    static final String NAMES = "json, value, key-value";

    private final String name;
    private final @Nullable Template template;

    private OutputFormat(String name, @Nullable Template template) {
        this.name = name;
        this.template = template;
    }

    /**
     * The format {@code text} names.
     *
     * @throws IllegalArgumentException when it is neither a named form nor a template
     */
    static OutputFormat parse(String text) {
        switch (text) {
            case "json", "value", "key-value" -> {
                return new OutputFormat(text, null);
            }
            default -> {
                if (text.indexOf('{') < 0) {
                    String close = Suggestions.closest(text, java.util.List.of("json", "value", "key-value"));
                    throw new IllegalArgumentException("'" + text + "' is not a format: use " + NAMES
                            + ", or a template of the record's fields such as '{key} {value}'"
                            + (close == null ? "" : " (did you mean '" + close + "'?)"));
                }
                return new OutputFormat("template", Template.parse(text));
            }
        }
    }

    /** The line for {@code record} (the fields {@link TapRecord} makes). */
    String line(Map<String, @Nullable Object> record) {
        if (template != null) {
            return template.render(record, false);
        }
        return switch (name) {
            case "value" -> JsonLines.toJson(record.get("value"));
            case "key-value" -> {
                Object key = record.get("key");
                yield (key == null ? "" : key.toString()) + "\t" + JsonLines.toJson(record.get("value"));
            }
            default -> JsonLines.toJson(record);
        };
    }

    /** The picocli converter of {@code --format}. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
