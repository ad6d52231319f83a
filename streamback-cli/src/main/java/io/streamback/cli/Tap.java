package io.streamback.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A reader of the main stream that belongs to no consumer group: it commits nothing, answers
 * nothing and takes no partition from anyone. {@code listen} reads through one unless told to join a group.
 */
interface Tap extends AutoCloseable {
    /** The records that came within {@code timeout}, as {@link TapRecord} fields; empty when none did or after {@link #wakeup()}. */
    List<Map<String, @Nullable Object>> poll(Duration timeout);

    /** Whether every partition read has been read up to the end it had when the tap started (or appeared). */
    boolean atEnd();

    /** Makes a waiting {@link #poll(Duration)} return at once; safe from any thread. */
    void wakeup();

    @Override
    void close();
}
