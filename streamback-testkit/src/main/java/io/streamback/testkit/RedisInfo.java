package io.streamback.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Parses the text replies of {@code INFO} / {@code CLUSTER INFO} and the map-like arrays of {@code SENTINEL ...}. */
final class RedisInfo {

    private RedisInfo() {
    }

    /** Parses {@code key:value} lines; section headers and blank lines are skipped. */
    static Map<String, String> fields(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** Turns a flat {@code [key1, value1, key2, value2, ...]} array into a map. */
    static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    /** Returns whether a comma-separated flags field such as {@code "myself,master"} contains {@code flag}. */
    static boolean hasFlag(@Nullable String flags, String flag) {
        if (flags == null) {
            return false;
        }
        for (String each : flags.split(",")) {
            if (each.equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
