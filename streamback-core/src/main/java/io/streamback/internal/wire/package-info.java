/**
 * The JSON envelope that travels on the main and feedback streams, byte-compatible in meaning with
 * Python streamback 0.4.x–0.5.0: event names, field names, feedback key rules.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.wire;

import org.jspecify.annotations.NullMarked;
