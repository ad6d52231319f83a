package io.streamback;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an object given to {@code register(obj)} as a listener of {@link #topic()}.
 * Its parameters may be a {@link Context}, a {@link Message}, and {@link Input} arguments; a non-null
 * return value is sent as a reply.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Listen {
    /** The topic to listen to, without the topics prefix. */
    String topic();
}
