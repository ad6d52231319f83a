/**
 * In-memory main and feedback streams ({@code memory://}), for users' unit tests and demos: the
 * whole library in one JVM, no broker. Instances with the same {@code memory://name} share streams.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.memory;

import org.jspecify.annotations.NullMarked;
