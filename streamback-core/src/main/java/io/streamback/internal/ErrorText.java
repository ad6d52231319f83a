package io.streamback.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The error text of an error end marker, in the shape Python sends: each exception as
 * {@code Type('message')}, joined by {@code ", "}.
 */
final class ErrorText {
    private ErrorText() {
    }

    static String of(List<Throwable> errors) {
        return errors.stream().map(ErrorText::one).collect(Collectors.joining(", "));
    }

    private static String one(Throwable error) {
        return of(error.getClass().getSimpleName(), error.getMessage());
    }

    /** One error in Python's shape: {@code type('message')}, or {@code type()} without a message. */
    static String of(String type, @Nullable String message) {
        return type + "(" + (message == null ? "" : pythonRepr(message)) + ")";
    }

    /** Python's {@code repr(str)}: single quotes, or double quotes when the text holds only single ones. */
    private static String pythonRepr(String text) {
        char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
        StringBuilder repr = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> repr.append("\\\\");
                case '\n' -> repr.append("\\n");
                case '\r' -> repr.append("\\r");
                case '\t' -> repr.append("\\t");
                default -> {
                    if (c == quote) {
                        repr.append('\\');
                    }
                    repr.append(c);
                }
            }
        }
        return repr.append(quote).toString();
    }
}
