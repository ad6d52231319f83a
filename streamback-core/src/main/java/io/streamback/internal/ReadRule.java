package io.streamback.internal;

import org.jspecify.annotations.Nullable;

/**
 * Which entries of a feedback list a lane (or a view of it) reads, and which end marker ends it.
 *
 * @param kind how groups are chosen
 * @param group the one group read, for {@link Kind#ONE_GROUP}
 */
record ReadRule(Kind kind, @Nullable String group) {
    /** A lane as {@code send} returns it: it follows the first group that answers. */
    static final ReadRule FOLLOW_FIRST_ANSWER = new ReadRule(Kind.FOLLOW_FIRST_ANSWER, null);
    /** Python streamback's read without a group: any group's replies, until any group's end marker. */
    static final ReadRule FIRST_END_MARKER = new ReadRule(Kind.FIRST_END_MARKER, null);

    /** How a rule chooses groups. */
    enum Kind {
        /**
         * Replies of any group until one answers (a reply or an error end marker), then only that
         * group's; its end marker ends the reads. End markers of groups that sent no reply do not end
         * a read that follows no group yet.
         */
        FOLLOW_FIRST_ANSWER,
        /** Only {@link ReadRule#group()}'s entries; its end marker ends the reads. */
        ONE_GROUP,
        /** Replies of every group; the first end marker of any group ends the reads. */
        FIRST_END_MARKER
    }

    /** Reads of {@code group} only. */
    static ReadRule group(String group) {
        return new ReadRule(Kind.ONE_GROUP, group);
    }

    /** For {@code toString}: empty for the lane itself. */
    String describe() {
        return switch (kind) {
            case FOLLOW_FIRST_ANSWER -> "";
            case ONE_GROUP -> ", from " + group;
            case FIRST_END_MARKER -> ", until the first end marker";
        };
    }
}
