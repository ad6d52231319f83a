package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class JsonArgumentTest {
    @Test
    void readsEveryKindOfJsonValue() {
        assertThat(JsonArgument.parse("{\"name\":\"Ada\",\"tags\":[1,2]}"))
                .isEqualTo(Map.of("name", "Ada", "tags", List.of(1, 2)));
        assertThat(JsonArgument.parse("\"text\"")).isEqualTo("text");
        assertThat(JsonArgument.parse("42")).isEqualTo(42);
        assertThat(JsonArgument.parse("-1.5")).isEqualTo(-1.5);
        assertThat(JsonArgument.parse("true")).isEqualTo(true);
        assertThat(JsonArgument.parse(" null ")).isNull();
    }

    @Test
    void saysWhyInvalidJsonIsInvalid() {
        assertThatThrownBy(() -> JsonArgument.parse("{\"name\": Ada}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'{\"name\": Ada}' is not valid JSON: ");
        assertThatThrownBy(() -> JsonArgument.parse("{\"name\":"))
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void tellsThatAStringNeedsQuotes() {
        assertThatThrownBy(() -> JsonArgument.parse("hello"))
                .hasMessageStartingWith("'hello' is not valid JSON: ")
                .hasMessageEndingWith("(a string needs quotes: '\"hello\"')");
    }

    @Test
    void rejectsMoreThanOneValue() {
        assertThatThrownBy(() -> JsonArgument.parse("{} {}"))
                .hasMessage("'{} {}' is not valid JSON: there is more after the first value");
    }

    @Test
    void rejectsAnEmptyArgument() {
        assertThatThrownBy(() -> JsonArgument.parse("  "))
                .hasMessageContaining("the JSON argument is empty");
    }

    @Test
    void reportsErrorsToPicocliAsConversionErrors() {
        assertThatThrownBy(() -> new JsonArgument().convert("[1,"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'[1,' is not valid JSON");
    }
}
