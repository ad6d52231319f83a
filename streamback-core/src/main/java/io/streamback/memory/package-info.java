/**
 * In-memory main and feedback streams ({@code memory://}), for users' unit tests and demos: the
 * whole library in one JVM, no broker. Instances with the same {@code memory://name} share streams.
 */
@NullMarked
package io.streamback.memory;

import org.jspecify.annotations.NullMarked;
