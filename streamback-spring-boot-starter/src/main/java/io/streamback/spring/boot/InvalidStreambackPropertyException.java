package io.streamback.spring.boot;

import io.streamback.StreambackException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code streamback.*} property is missing or has a value the library refuses; the application
 * fails to start, and Spring Boot's failure report names the property, its value and why.
 */
public final class InvalidStreambackPropertyException extends StreambackException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final @Nullable String value;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param property the full property name, e.g. {@code streamback.pool-concurrency}
     * @param value the value to show, or null when none was given or it must not be shown (it may hold passwords)
     * @param reason what is wrong and what to do
     * @param cause the library's exception, or null
     */
    public InvalidStreambackPropertyException(String property, @Nullable String value, String reason,
            @Nullable Throwable cause) {
        super(property + (value == null ? "" : " = '" + value + "'") + ": " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    /** The full property name, e.g. {@code streamback.pool-concurrency}. */
    public String property() {
        return property;
    }

    /** The value given, or null when none was given or it is not shown because it may hold passwords. */
    public @Nullable String value() {
        return value;
    }

    /** What is wrong with the value and what to do. */
    public String reason() {
        return reason;
    }
}
