/**
 * Small pieces for the library's own threads ({@link io.streamback.internal.concurrent.Wakeup}).
 * The package depends on no other streamback package, so every one of them may use it.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.concurrent;

import org.jspecify.annotations.NullMarked;
