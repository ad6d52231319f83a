package io.streamback.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x000a | \\n",
        "0x000d | \\r",
        "0x0009 | \\t",
        "0x001b | \\u001b",
        "0x0000 | \\u0000",
        "0x007f | \\u007f",
        "0x0085 | \\u0085",
        "0x009b | \\u009b",
        "0x2028 | \\u2028",
        "0x2029 | \\u2029",
        "0x202e | \\u202e",
        "0x2066 | \\u2066",
        "0xd800 | \\ud800",
    })
    void controlCharactersAreEscaped(String codePoint, String escaped) {
        char control = (char) Integer.parseInt(codePoint.substring(2), 16);
        assertThat(LogText.of("a" + control + "b")).isEqualTo("a" + escaped + "b");
    }

    @Test
    void aForgedLogLineStaysOnTheLine() {
        String forged = "bad\n12:00:00.000 [main] INFO io.streamback.Streamback - \u001b[31mevent=all_good";

        String safe = LogText.of(forged);

        assertThat(safe).doesNotContain("\n", "\u001b")
                .isEqualTo("bad\\n12:00:00.000 [main] INFO io.streamback.Streamback - \\u001b[31mevent=all_good");
    }

    @Test
    void ordinaryTextIsKept() {
        assertThat(LogText.of("Grüße, \"quoted\" 'text' \\ 日本語 🔑 café")).isEqualTo("Grüße, \"quoted\" 'text' \\ 日本語 🔑 café");
        assertThat(LogText.of(null)).isEqualTo("null");
        assertThat(LogText.of(42)).isEqualTo("42");
    }

    @Test
    void longTextIsCutWithTheCountOfWhatWasCut() {
        String safe = LogText.of("x".repeat(5_000_000));

        assertThat(safe).isEqualTo("x".repeat(LogText.MAX_CHARS) + "...(4999800 more chars)");
    }

    @Test
    void theBoundCountsEscapesAndNeverSplitsAnEscapeOrASurrogatePair() {
        assertThat(LogText.of("\n".repeat(300))).isEqualTo("\\n".repeat(100) + "...(200 more chars)");
        assertThat(LogText.of("ab\u001bcd", 5)).isEqualTo("ab...(3 more chars)");
        assertThat(LogText.of("a🔑b", 2)).isEqualTo("a...(3 more chars)");
        assertThat(LogText.of("a🔑b", 3)).isEqualTo("a🔑...(1 more chars)");
        assertThat(LogText.of("x".repeat(LogText.MAX_CHARS))).isEqualTo("x".repeat(LogText.MAX_CHARS));
    }

    @Test
    void theBoundMustBePositive() {
        assertThatThrownBy(() -> LogText.of("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
