package io.streamback.internal.schedule;

import io.streamback.SetupException;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A parsed cron expression: 5 fields ({@code minute hour day-of-month month day-of-week}) or 6
 * with leading seconds, in standard (Vixie) cron meaning: day of week 0-7 where 0 and 7 are
 * Sunday and 1 is Monday, names {@code MON}-{@code SUN} and {@code JAN}-{@code DEC} accepted, and
 * a restricted day of month or day of week fires on either. Immutable.
 */
final class CronSchedule {
    static final String EXPECTED_FORMS = "expected 5 fields \"minute hour day-of-month month day-of-week\""
            + " (e.g. \"*/5 * * * *\") or 6 with leading seconds (e.g. \"*/30 * * * * *\");"
            + " day of week is 0-7 where 0 and 7 are Sunday";

    private static final CronParser FIVE_FIELDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SIX_FIELDS = new CronParser(withSeconds());

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws SetupException naming the expression and the expected forms when it is not valid
     */
    static CronSchedule parse(String expression) {
        String trimmed = expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw invalid(expression, "it has " + fields + " fields");
        }
        ExecutionTime times;
        try {
            CronParser parser = fields == 5 ? FIVE_FIELDS : SIX_FIELDS;
            times = ExecutionTime.forCron(parser.parse(trimmed).validate());
        } catch (RuntimeException e) {
            throw invalid(expression, e.getMessage());
        }
        if (times.nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).isEmpty()) {
            throw invalid(expression, "it never fires");
        }
        return new CronSchedule(trimmed, times);
    }

    private static SetupException invalid(String expression, @Nullable String reason) {
        return new SetupException("invalid cron expression \"" + expression + "\": " + reason + "; "
                + EXPECTED_FORMS);
    }

    /** The first tick strictly after {@code time}, or null when the expression never fires again. */
    @Nullable Instant next(Instant time, ZoneId zone) {
        // cron-utils keeps the sub-second part of its argument: drop it so ticks fall on whole seconds
        ZonedDateTime from = time.atZone(zone).truncatedTo(ChronoUnit.SECONDS);
        return times.nextExecution(from).map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The last tick at or before {@code time}, or null when there is none. */
    @Nullable Instant latest(Instant time, ZoneId zone) {
        ZonedDateTime after = time.atZone(zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return times.lastExecution(after).map(ZonedDateTime::toInstant).orElse(null);
    }

    /** The expression as given, trimmed. */
    String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    /** CronType.UNIX with a leading seconds field, so the day of week keeps its Unix meaning. */
    private static CronDefinition withSeconds() {
        return CronDefinitionBuilder.defineCron()
                .withSeconds().withValidRange(0, 59).withStrictRange().and()
                .withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
                .instance();
    }
}
