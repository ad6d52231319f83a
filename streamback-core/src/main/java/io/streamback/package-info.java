/**
 * Streamback: 2-way streams for microservices. Start with {@link io.streamback.Streamback#create}.
 */
@NullMarked
package io.streamback;

import org.jspecify.annotations.NullMarked;
