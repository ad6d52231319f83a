package io.streamback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.CapturedLog;
import io.streamback.InvalidStreamsException;
import io.streamback.Streamback;
import io.streamback.StreambackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Streams strings that cannot work, and passwords that must not show: no sockets are opened. */
class StreamsStringTest {
    private static final String WITH_PASSWORDS =
            "main=kafka://user@s3cret:127.0.0.1:1&feedback=redis://u:s3cret@127.0.0.1:1";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "main=kafak://x:1                                    | kafak://x:1",
        "main=kafka://host                                   | host",
        "main=kafka://h:99999                                | 99999",
        "foo=bar                                             | foo",
        "main=kafka://h:1&feedback=redis://h:abc             | abc",
        "main=kafka://h:1&feedback=mysql://h:1               | mysql://h:1",
        "feedback=redis://h:1                                | main",
        "main=kafka://h:1&main=kafka://h:2                   | main",
        "main=kafka://h:1&topics_prefix=                     | topics_prefix",
    })
    void invalidStreamsStringsNameTheBadPart(String streams, String badPart) {
        assertThatThrownBy(() -> Streamback.create("app", streams))
                .isInstanceOf(InvalidStreamsException.class)
                .isInstanceOf(StreambackException.class)
                .hasMessageContaining(badPart)
                .hasMessageContaining("expected main=kafka://");
    }

    @Test
    void emptyStreamsStringIsRejected() {
        assertThatThrownBy(() -> Streamback.create("app", " ")).isInstanceOf(InvalidStreamsException.class);
    }

    @Test
    void passwordsDoNotShowInToString() {
        try (Streamback streamback = Streamback.create("app", WITH_PASSWORDS)) {
            assertThat(streamback.toString()).doesNotContain("s3cret").contains("127.0.0.1");
            assertThat(streamback.config().toString()).doesNotContain("s3cret").contains("127.0.0.1");
            assertThat(streamback.config().streamsString()).doesNotContain("s3cret");
        }
    }

    @Test
    void passwordsWithAnAtSignDoNotShowEither() {
        try (Streamback streamback = Streamback.create("app",
                "main=kafka://user@top@s3cret:127.0.0.1:1&feedback=redis://u:top@s3cret@127.0.0.1:1")) {
            assertThat(streamback.toString()).doesNotContain("s3cret");
            assertThat(streamback.config().toString()).doesNotContain("s3cret").contains("127.0.0.1:1");
        }
    }

    @Test
    void aRedisPasswordWithoutUserDoesNotShow() {
        try (Streamback streamback = Streamback.create("app", "main=kafka://127.0.0.1:1&feedback=redis://s3cret@127.0.0.1:1")) {
            assertThat(streamback.toString()).doesNotContain("s3cret");
            assertThat(streamback.config().toString()).doesNotContain("s3cret").contains("127.0.0.1:1");
        }
    }

    @Test
    void passwordsDoNotShowInErrors() {
        assertThatThrownBy(() -> Streamback.create("app", "main=kafka://user@s3cret:127.0.0.1:0"))
                .isInstanceOf(InvalidStreamsException.class)
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> Streamback.create("app", "main=kafka://user@s3cret:127.0.0.1:1&feedback=redis://u:s3cret@h:x"))
                .isInstanceOf(InvalidStreamsException.class)
                .message().doesNotContain("s3cret");
    }

    @Test
    void passwordsDoNotShowInLogs() throws Exception {
        String logs = CapturedLog.during(() -> {
            try (Streamback streamback = Streamback.create("app", WITH_PASSWORDS)) {
                streamback.toString();
            }
        });
        if (LoggerFactory.getLogger(Streamback.class).isInfoEnabled()) {
            assertThat(logs).as("the capture works").contains("event=streamback_created");
        }
        assertThat(logs).doesNotContain("s3cret");
    }
}
