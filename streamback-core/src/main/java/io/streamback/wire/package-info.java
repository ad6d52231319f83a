/**
 * The JSON envelope that travels on the main and feedback streams, byte-compatible in meaning with
 * Python streamback 0.4.x–0.5.0: event names, field names, feedback key rules.
 */
@NullMarked
package io.streamback.wire;

import org.jspecify.annotations.NullMarked;
