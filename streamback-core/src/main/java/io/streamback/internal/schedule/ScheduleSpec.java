package io.streamback.internal.schedule;

import org.jspecify.annotations.Nullable;

/**
 * One schedule: at every tick of {@code cron}, send {@code args} on topic {@code then}.
 *
 * @param name unique within the application; part of the claim key
 * @param description free text for operators
 */
record ScheduleSpec(String name, CronSchedule cron, String then, @Nullable Object args, String description) {
}
