/** The feedback stream on Redis lists (Lettuce): LPUSH + EXPIRE to reply, BRPOP to read. */
@NullMarked
package io.streamback.redis;

import org.jspecify.annotations.NullMarked;
