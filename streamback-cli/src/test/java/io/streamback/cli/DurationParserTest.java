package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationParserTest {
    @Test
    void readsTheShortForms() {
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationParser.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationParser.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationParser.parse(" 3 S ")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsIso8601() {
        assertThat(DurationParser.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationParser.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "ten seconds", "10 sec", "1.5s", "-5s", "", "PT", "P1X"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("expected e.g. 500ms, 10s, 2m, 1h or PT10S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-5S", "-PT5S"})
    void rejectsZeroAndNegativeDurations(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a positive duration");
    }

    @Test
    void rejectsDurationsTooLongToHold() {
        assertThatThrownBy(() -> DurationParser.parse("99999999999999999999h"))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> DurationParser.parse("9223372036854775807h"))
                .hasMessageContaining("too long");
    }

    @Test
    void reportsErrorsToPicocliAsConversionErrors() {
        assertThatThrownBy(() -> new DurationParser().convert("soon"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon' is not a duration");
    }
}
