/**
 * Ready-made {@link io.streamback.Callback}s, Python streamback's extensions:
 * {@link io.streamback.ext.ListenerStats} reports per worker group what the workers did, and
 * {@link io.streamback.ext.AutoRestart} recycles workers by age and memory.
 *
 * <pre>{@code
 * streamback.addCallback(new ListenerStats(Duration.ofSeconds(10)))
 *           .addCallback(new AutoRestart(Duration.ofHours(1), 512));
 * }</pre>
 *
 * <p>Both run on the supervising side every rescale interval ({@link io.streamback.Callback#onTick})
 * and read {@link io.streamback.Streamback#snapshot()}; register an instance with one
 * {@link io.streamback.Streamback} only.
 */
@NullMarked
package io.streamback.ext;

import org.jspecify.annotations.NullMarked;
