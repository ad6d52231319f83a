package io.streamback.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.StreambackException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** A Wednesday. */
    private static final Instant WEDNESDAY_NOON = Instant.parse("2024-05-01T12:00:00Z");

    private static List<Instant> ticks(String expression, Instant from, int count) {
        CronSchedule cron = CronSchedule.parse(expression);
        List<Instant> ticks = new ArrayList<>();
        Instant time = from;
        for (int i = 0; i < count; i++) {
            time = cron.next(time, UTC);
            ticks.add(time);
        }
        return ticks;
    }

    private static List<DayOfWeek> days(String expression) {
        return ticks(expression, WEDNESDAY_NOON, 8).stream().map(t -> t.atZone(UTC).getDayOfWeek()).toList();
    }

    @Test
    void fiveFieldsFireEveryMinute() {
        assertThat(ticks("* * * * *", WEDNESDAY_NOON, 2)).containsExactly(
                Instant.parse("2024-05-01T12:01:00Z"), Instant.parse("2024-05-01T12:02:00Z"));
        assertThat(ticks("*/15 9-17 * * *", WEDNESDAY_NOON, 2)).containsExactly(
                Instant.parse("2024-05-01T12:15:00Z"), Instant.parse("2024-05-01T12:30:00Z"));
    }

    @Test
    void sixFieldsHaveLeadingSeconds() {
        assertThat(ticks("*/30 * * * * *", WEDNESDAY_NOON, 3)).containsExactly(
                Instant.parse("2024-05-01T12:00:30Z"), Instant.parse("2024-05-01T12:01:00Z"),
                Instant.parse("2024-05-01T12:01:30Z"));
        assertThat(ticks("* * * * * *", WEDNESDAY_NOON, 2)).containsExactly(
                Instant.parse("2024-05-01T12:00:01Z"), Instant.parse("2024-05-01T12:00:02Z"));
        assertThat(ticks("15 0 9 * * *", WEDNESDAY_NOON, 1)).containsExactly(Instant.parse("2024-05-02T09:00:15Z"));
    }

    @Test
    void oneIsMonday() {
        assertThat(days("0 0 9 * * 1")).containsOnly(DayOfWeek.MONDAY);
        assertThat(days("0 9 * * 1")).containsOnly(DayOfWeek.MONDAY);
        assertThat(ticks("0 0 9 * * 1", WEDNESDAY_NOON, 1)).containsExactly(Instant.parse("2024-05-06T09:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 9 * * 0", "0 9 * * 7", "0 0 9 * * 0", "0 0 9 * * 7", "0 9 * * SUN"})
    void zeroAndSevenAreSunday(String expression) {
        assertThat(days(expression)).containsOnly(DayOfWeek.SUNDAY);
        assertThat(ticks(expression, WEDNESDAY_NOON, 1)).containsExactly(Instant.parse("2024-05-05T09:00:00Z"));
    }

    @Test
    void weekdayRangesAndNames() {
        assertThat(days("0 9 * * 1-5")).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
                .contains(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(days("0 9 * * 5-7")).containsOnly(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(days("0 0 9 * * MON-FRI")).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(ticks("0 9 1 JAN *", WEDNESDAY_NOON, 1)).containsExactly(Instant.parse("2025-01-01T09:00:00Z"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekFireOnEither() {
        // Unix cron: "on the 1st, and on Mondays"
        assertThat(ticks("0 9 1 * 1", Instant.parse("2024-05-28T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2024-06-01T09:00:00Z"), Instant.parse("2024-06-03T09:00:00Z"));
    }

    @Test
    void nextIsStrictlyAfterAndOnWholeSeconds() {
        CronSchedule everySecond = CronSchedule.parse("* * * * * *");
        Instant halfPast = Instant.parse("2024-05-01T12:00:00.500Z");
        assertThat(everySecond.next(halfPast, UTC)).isEqualTo(Instant.parse("2024-05-01T12:00:01Z"));
        assertThat(everySecond.next(WEDNESDAY_NOON, UTC)).isEqualTo(Instant.parse("2024-05-01T12:00:01Z"));
    }

    @Test
    void latestIsAtOrBefore() {
        CronSchedule everyTen = CronSchedule.parse("*/10 * * * * *");
        assertThat(everyTen.latest(WEDNESDAY_NOON, UTC)).isEqualTo(WEDNESDAY_NOON);
        assertThat(everyTen.latest(WEDNESDAY_NOON.plusMillis(999), UTC)).isEqualTo(WEDNESDAY_NOON);
        assertThat(everyTen.latest(WEDNESDAY_NOON.plusSeconds(9), UTC)).isEqualTo(WEDNESDAY_NOON);
        assertThat(everyTen.latest(WEDNESDAY_NOON.minusNanos(1), UTC)).isEqualTo(WEDNESDAY_NOON.minusSeconds(10));
        assertThat(CronSchedule.parse("0 9 * * 0").latest(WEDNESDAY_NOON, UTC))
                .isEqualTo(Instant.parse("2024-04-28T09:00:00Z"));
    }

    @Test
    void ticksFollowTheZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(CronSchedule.parse("0 9 * * *").next(WEDNESDAY_NOON, paris))
                .isEqualTo(Instant.parse("2024-05-02T07:00:00Z"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(CronSchedule.parse("  0 9 * * 1 ").expression()).isEqualTo("0 9 * * 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "* * * *", "* * * * * * *", "61 * * * * *", "* 24 * * *",
            "* * * * 8", "0 0 9 * * 8", "* * 0 * *", "* * * 13 *", "x * * * *", "*/0 * * * *"})
    void invalidExpressionsSayWhatIsExpected(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOf(StreambackException.class)
                .hasMessageContaining("invalid cron expression \"" + expression + "\"")
                .hasMessageContaining("expected 5 fields")
                .hasMessageContaining("6 with leading seconds")
                .hasMessageContaining("0 and 7 are Sunday");
    }

    @Test
    void theMessageNamesTheProblem() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("it has 4 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * * *")).hasMessageContaining("61");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("it never fires");
        assertThat(CronSchedule.parse("0 0 29 2 *").next(WEDNESDAY_NOON, UTC))
                .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
    }
}
