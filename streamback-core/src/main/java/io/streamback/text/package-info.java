/**
 * Text that goes into log lines and error messages: untrusted text escaped and cut
 * ({@link io.streamback.text.LogText}), passwords of streams strings masked
 * ({@link io.streamback.text.Secrets}). Not public API: these types may change in any release.
 * The package depends on no other streamback package, so every one of them, the transports
 * included, and the CLI may use it.
 */
@NullMarked
package io.streamback.text;

import org.jspecify.annotations.NullMarked;
