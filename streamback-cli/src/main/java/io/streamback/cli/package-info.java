/**
 * The {@code streamback} command line: {@code demo}, {@code dev}, {@code send} and {@code listen}.
 * Start with {@link io.streamback.cli.Main}.
 */
@NullMarked
package io.streamback.cli;

import org.jspecify.annotations.NullMarked;
