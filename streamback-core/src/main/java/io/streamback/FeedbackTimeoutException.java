package io.streamback;

import java.time.Duration;

/** No reply nor end marker arrived within the idle timeout of a read. */
public final class FeedbackTimeoutException extends StreambackException {
    private static final long serialVersionUID = 1L;

    private final String feedbackTopic;
    private final Duration timeout;

    /** Creates the exception for a read on {@code feedbackTopic} that waited {@code timeout}. */
    public FeedbackTimeoutException(String feedbackTopic, Duration timeout) {
        this(feedbackTopic, timeout, "is a consumer listening on the topic, and is it running?");
    }

    /** The same, with {@code why} saying what the read saw instead (entries of other groups, say). */
    public FeedbackTimeoutException(String feedbackTopic, Duration timeout, String why) {
        super("no feedback on " + feedbackTopic + " within " + timeout.toMillis() + " ms: " + why);
        this.feedbackTopic = feedbackTopic;
        this.timeout = timeout;
    }

    /** The feedback topic that stayed silent. */
    public String feedbackTopic() {
        return feedbackTopic;
    }

    /** How long the read waited. */
    public Duration timeout() {
        return timeout;
    }
}
