/**
 * Text that goes into log lines and error messages: untrusted text escaped and cut
 * ({@link io.streamback.internal.text.LogText}), passwords of streams strings masked
 * ({@link io.streamback.internal.text.Secrets}). The package depends on no other streamback
 * package, so every one of them, the transports included, and the CLI may use it.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.text;

import org.jspecify.annotations.NullMarked;
