package io.streamback;

import java.time.Duration;

/** No reply nor end marker arrived within the idle timeout of a read. */
public final class FeedbackTimeoutException extends StreambackException {
    private static final long serialVersionUID = 1L;

    private final String feedbackTopic;
    private final Duration timeout;

    /** Creates the exception for a read on {@code feedbackTopic} that waited {@code timeout}. */
    public FeedbackTimeoutException(String feedbackTopic, Duration timeout) {
        super("no feedback on " + feedbackTopic + " within " + timeout.toMillis()
                + " ms: is a consumer listening on the topic, and is it running?");
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
