package io.streamback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamback.MappingException;
import io.streamback.internal.wire.Json;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/** Prints values as JSON, one line each, flushed at once so pipes see every line as it comes. */
final class JsonLines {
    private final PrintWriter out;

    JsonLines(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code value} as one line of JSON. */
    void print(@Nullable Object value) {
        String line = toJson(value);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** {@code value} as compact JSON. */
    static String toJson(@Nullable Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MappingException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
