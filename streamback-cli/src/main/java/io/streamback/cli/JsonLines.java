package io.streamback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.streamback.MappingException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/** Prints values as JSON, one line each, flushed at once so pipes see every line as it comes. */
final class JsonLines {
    /**
     * The command line's one mapper, plain JSON values only: its reader and writer, and the
     * application's mapper of every Streamback instance the CLI builds (the values it sends and
     * answers are plain already, so it needs none of the default mapper's modules). Not configured after this.
     */
    static final ObjectMapper MAPPER = new ObjectMapper();
    // an ObjectWriter is immutable
    private static final ObjectWriter WRITER = MAPPER.writer();

    private final PrintWriter out;

    JsonLines(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code value} as one line of JSON; false when stdout is closed (a pipe's reader went away). */
    boolean print(@Nullable Object value) {
        return printLine(toJson(value));
    }

    /** Prints {@code line} and a line break; false when stdout is closed (a pipe's reader went away). */
    boolean printLine(String line) {
        synchronized (out) {
            out.println(line);
            return !out.checkError(); // flushes
        }
    }

    /** {@code value} as compact JSON. */
    static String toJson(@Nullable Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MappingException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
