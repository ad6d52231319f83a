package io.streamback.cli;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean": the known word closest to a misspelt one. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * Of {@code known}, the word closest to {@code word} (optimal string alignment distance, case
     * ignored), when it is close enough to be a typo: at most 1 edit for short words, 2 for words of
     * 5 or more letters, or one is the start of the other; else null.
     */
    static @Nullable String closest(String word, Collection<String> known) {
        String typed = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(typed, lower);
            boolean prefix = typed.length() >= 3 && lower.startsWith(typed) || lower.length() >= 3
                    && typed.startsWith(lower) && stripDashes(lower).length() >= 3;
            int allowed = stripDashes(typed).length() >= 5 ? 2 : 1;
            if ((distance <= allowed || prefix) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String stripDashes(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) == '-') {
            i++;
        }
        return word.substring(i);
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
