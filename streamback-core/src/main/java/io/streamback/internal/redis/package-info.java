/**
 * The feedback stream on Redis lists (Lettuce): LPUSH + EXPIRE to reply, BRPOP to read.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.redis;

import org.jspecify.annotations.NullMarked;
