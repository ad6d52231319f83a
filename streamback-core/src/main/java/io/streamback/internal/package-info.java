/**
 * The runtime behind the public API: streams string parsing, workers, feedback lanes. Internal:
 * these types may change without notice in any release; do not use them.
 */
@NullMarked
package io.streamback.internal;

import org.jspecify.annotations.NullMarked;
