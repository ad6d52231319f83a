package io.streamback;

import java.util.List;
import java.util.Objects;

/**
 * A read found the end of the replies: the consumer group it reads sent its end marker, so no reply
 * will follow. {@link FeedbackLane#read()} and {@link FeedbackLane#readAsync(java.time.Duration)} throw it;
 * {@link FeedbackLane#stream()} and {@link FeedbackLane#replies()} simply end. A null reply is a reply,
 * never this exception.
 */
public final class StreamEndedException extends StreambackException {
    private static final long serialVersionUID = 1L;

    private final String feedbackTopic;
    private final List<String> groups;

    /**
     * Creates the exception for {@code feedbackTopic}, ended by the end markers of {@code groups}.
     *
     * @param message what ended the stream and what to do next
     * @throws IllegalArgumentException when {@code groups} is empty
     */
    public StreamEndedException(String feedbackTopic, List<String> groups, String message) {
        super(message);
        this.feedbackTopic = Objects.requireNonNull(feedbackTopic, "feedbackTopic");
        this.groups = List.copyOf(groups);
        if (this.groups.isEmpty()) {
            throw new IllegalArgumentException("a stream is ended by at least one group");
        }
    }

    /** The feedback topic that ended. */
    public String feedbackTopic() {
        return feedbackTopic;
    }

    /**
     * The consumer groups whose end markers ended the read, in the order they came: one, except for a
     * read of any group that waited in vain after several groups ended without replying.
     * {@code "(none)"} stands for an end marker that named no group.
     */
    public List<String> groups() {
        return groups;
    }
}
