package io.streamback.internal;

import io.streamback.StreamEndedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the consumer groups sent on one feedback list so far, as far as its readers took it: the
 * replies read per group, the end markers in the order they came, and the group that the lane
 * follows: the first whose reply or error any read took. Shared by a lane and its views; each asks
 * with its own {@link ReadRule}. Thread-safe.
 */
final class LaneGroups {
    /** Stands for an entry without {@code source_group}. */
    static final String NO_GROUP = "(none)";

    /** What an end marker means to a read. */
    enum EndOutcome {
        /** It ends the read: the read fails with the group's error, or ends. */
        ENDS_READ,
        /** A group that sent no reply ended; the read waits for another group's reply. */
        WAIT_FOR_ANOTHER,
        /** It is not the group the read wants: skipped. */
        OTHER_GROUP
    }

    private final String key;
    private final Map<String, Integer> replies = new HashMap<>();
    /** Group to its error text, or to "" for a plain end marker, in the order the end markers came. */
    private final Map<String, String> ended = new LinkedHashMap<>();
    private @Nullable String followed;
    private @Nullable Duration exhaustedAfter;

    LaneGroups(String key) {
        this.key = key;
    }

    /** The group name of an entry, {@link #NO_GROUP} for none. */
    static String label(@Nullable String sourceGroup) {
        return sourceGroup == null ? NO_GROUP : sourceGroup;
    }

    /** Whether a reply of {@code group} is for a read by {@code rule}; if so it is counted as read. */
    synchronized boolean takes(ReadRule rule, String group) {
        boolean wanted = switch (rule.kind()) {
            case ONE_GROUP -> group.equals(rule.group());
            case FIRST_END_MARKER -> true;
            case FOLLOW_FIRST_ANSWER -> followed == null || followed.equals(group);
        };
        if (wanted) {
            replies.merge(group, 1, Integer::sum);
            if (followed == null) {
                followed = group;
            }
        }
        return wanted;
    }

    /** Undoes {@link #takes}: the reader had given up, the reply goes back to the list. */
    synchronized void untake(String group) {
        replies.computeIfPresent(group, (g, n) -> n == 1 ? null : n - 1);
        if (group.equals(followed) && !replies.containsKey(group) && !ended.containsKey(group)) {
            followed = null;
        }
    }

    /** Records the end marker of {@code group} ({@code error} null for a plain one) and says what it means to the read. */
    synchronized EndOutcome ends(ReadRule rule, String group, @Nullable String error) {
        ended.putIfAbsent(group, error == null ? "" : error);
        boolean wanted = rule.kind() != ReadRule.Kind.ONE_GROUP || group.equals(rule.group());
        if (wanted && followed == null && error != null) {
            followed = group; // an error is an answer
        }
        return switch (rule.kind()) {
            case ONE_GROUP -> wanted ? EndOutcome.ENDS_READ : EndOutcome.OTHER_GROUP;
            case FIRST_END_MARKER -> EndOutcome.ENDS_READ;
            case FOLLOW_FIRST_ANSWER -> followed == null ? EndOutcome.WAIT_FOR_ANOTHER
                    : followed.equals(group) ? EndOutcome.ENDS_READ : EndOutcome.OTHER_GROUP;
        };
    }

    /** Undoes {@link #ends} that ended a read whose reader had given up: the end marker goes back to the list. */
    synchronized void unend(String group) {
        ended.remove(group);
        if (group.equals(followed) && !replies.containsKey(group)) {
            followed = null;
        }
    }

    /**
     * For a read by {@code rule} whose idle timeout ran out: when it follows no group yet and groups
     * have ended without a reply for it, the lane has ended; else null (a plain timeout).
     */
    synchronized @Nullable StreamEndedException exhaust(ReadRule rule, Duration timeout) {
        if (rule.kind() != ReadRule.Kind.FOLLOW_FIRST_ANSWER || followed != null || ended.isEmpty()) {
            return null;
        }
        exhaustedAfter = timeout;
        return ended(rule);
    }

    /** Undoes {@link #exhaust}: the reader had given up. */
    synchronized void unexhaust() {
        exhaustedAfter = null;
    }

    /** The group a lane by {@code rule} follows, or null. */
    synchronized @Nullable String followed(ReadRule rule) {
        return rule.kind() == ReadRule.Kind.FOLLOW_FIRST_ANSWER ? followed : null;
    }

    /** Whether a reply of {@code group} was read. */
    synchronized boolean replied(String group) {
        return replies.containsKey(group);
    }

    /** The group whose end marker ended reads by {@code rule}, or null while they have not ended. */
    synchronized @Nullable String endedBy(ReadRule rule) {
        return switch (rule.kind()) {
            case ONE_GROUP -> ended.containsKey(rule.group()) ? rule.group() : null;
            case FIRST_END_MARKER -> ended.isEmpty() ? null : ended.keySet().iterator().next();
            case FOLLOW_FIRST_ANSWER -> {
                if (followed != null) {
                    yield ended.containsKey(followed) ? followed : null;
                }
                yield exhaustedAfter != null ? ended.keySet().iterator().next() : null;
            }
        };
    }

    /** The exception for a read by {@code rule} after its end, or null while reads have not ended. */
    synchronized @Nullable StreamEndedException ended(ReadRule rule) {
        String group = endedBy(rule);
        if (group == null) {
            return null;
        }
        if (rule.kind() == ReadRule.Kind.FOLLOW_FIRST_ANSWER && followed == null) {
            List<String> all = new ArrayList<>(ended.keySet());
            List<String> each = all.stream().map(this::outcome).toList();
            String first = all.get(0);
            return new StreamEndedException(key, all, String.join(", ", each) + " on " + key
                    + ", and no other group replied within " + Objects.requireNonNull(exhaustedAfter).toMillis()
                    + " ms; read with from(\"" + first + "\") to end at " + first + "'s end marker, or send"
                    + " one-way when no reply is expected");
        }
        return new StreamEndedException(key, List.of(group), outcome(group) + " on " + key + ": no more replies");
    }

    private String outcome(String group) {
        String error = ended.get(group);
        int read = replies.getOrDefault(group, 0);
        String what = error != null && !error.isEmpty() ? " with an error"
                : read == 0 ? " without replying"
                : " after " + read + (read == 1 ? " reply" : " replies");
        return "consumer group " + group + " ended" + what;
    }
}
