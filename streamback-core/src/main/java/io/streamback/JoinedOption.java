package io.streamback;

import java.util.ArrayList;
import java.util.List;

/**
 * Listen options joined with {@link ListenOption#and(ListenOption)}, in the order given: where two
 * set the same thing, the later one wins.
 *
 * @param parts the joined options, none of them joined itself
 */
record JoinedOption(List<ListenOption> parts) implements ListenOption {
    /** Copies the list. */
    JoinedOption {
        parts = List.copyOf(parts);
    }

    /** {@code first} then {@code second}. */
    static JoinedOption of(ListenOption first, ListenOption second) {
        List<ListenOption> parts = new ArrayList<>(flatten(first));
        parts.addAll(flatten(second));
        return new JoinedOption(parts);
    }

    /** The single options {@code option} stands for, in order. */
    static List<ListenOption> flatten(ListenOption option) {
        return option instanceof JoinedOption joined ? joined.parts : List.of(option);
    }
}
