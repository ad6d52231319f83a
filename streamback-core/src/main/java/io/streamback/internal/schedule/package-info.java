/**
 * Cron scheduling: {@link io.streamback.Streamback#schedule} sends a message on a topic at every
 * tick of a cron expression, once across all running instances of an application. A tick is
 * claimed in the feedback stream (Redis) before it is sent, or, without one, recorded in a local
 * state file; a tick missed while the application was down is sent at start when it is no older
 * than {@link io.streamback.StreambackConfig#scheduleLookBack()}.
 * Internal: may change without notice in any release; do not use it.
 */
@NullMarked
package io.streamback.internal.schedule;

import org.jspecify.annotations.NullMarked;
