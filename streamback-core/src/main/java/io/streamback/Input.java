package io.streamback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects one field of the message's value into a parameter of a {@link Listen} method, converted
 * to the parameter's type. A missing field gives null (or fails for a primitive parameter).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Input {
    /** The field of the message value. */
    String value();
}
