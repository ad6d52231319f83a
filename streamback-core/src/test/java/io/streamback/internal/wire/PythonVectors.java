package io.streamback.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bytes Python streamback 0.4.6 wrote, one JSON line per vector (test resource). */
final class PythonVectors {
    static final String RESOURCE = "/interop/python-0.4.6-vectors.jsonl";
    /** A plain mapper of the tests' own, to read JSON text as trees and compare JSON values. */
    static final ObjectMapper JSON = new ObjectMapper();

    private PythonVectors() {
    }

    static List<JsonNode> all() {
        try (InputStream in = PythonVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from test resources");
            }
            List<JsonNode> vectors = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    vectors.add(JSON.readTree(line));
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        return tree(new String(json, StandardCharsets.UTF_8));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
