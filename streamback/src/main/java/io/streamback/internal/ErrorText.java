package io.streamback.internal;

import java.util.List;
import java.util.stream.Collectors;

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
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "()" : "('" + message.replace("'", "\\'") + "')");
    }
}
