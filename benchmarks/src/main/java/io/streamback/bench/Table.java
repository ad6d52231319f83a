package io.streamback.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects one value per repetition for each (row, metric, contender) cell and prints them as a
 * Markdown table: median, min–max, and the ratio of the median to the row's reference contender.
 */
final class Table {
    private record Key(String row, String metric, String contender) {
    }

    private final Map<Key, List<Double>> cells = new LinkedHashMap<>();
    private final Map<String, String> references = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Names the contender whose median the other contenders of {@code row} are divided by. */
    void reference(String row, String contender) {
        references.put(row, contender);
    }

    /** Adds one repetition's value. */
    synchronized void add(String row, String metric, String contender, double value) {
        cells.computeIfAbsent(new Key(row, metric, contender), k -> new ArrayList<>()).add(value);
    }

    /** A line printed under the table. */
    void note(String text) {
        notes.add(text);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| row | metric | contender | median | min–max | ratio vs ref |\n");
        out.append("|---|---|---|---:|---:|---:|\n");
        for (Map.Entry<Key, List<Double>> cell : cells.entrySet()) {
            Key key = cell.getKey();
            List<Double> values = cell.getValue();
            double median = Stats.median(values);
            String ref = references.get(key.row());
            String ratio;
            if (key.contender().equals(ref)) {
                ratio = "ref";
            } else {
                List<Double> refValues = ref == null ? null : cells.get(new Key(key.row(), key.metric(), ref));
                ratio = refValues == null ? "—" : String.format(Locale.ROOT, "%.2f×", median / Stats.median(refValues));
            }
            out.append("| ").append(key.row())
                    .append(" | ").append(key.metric())
                    .append(" | ").append(key.contender())
                    .append(" | ").append(format(median))
                    .append(" | ").append(format(Stats.min(values))).append("–").append(format(Stats.max(values)))
                    .append(" | ").append(ratio)
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
