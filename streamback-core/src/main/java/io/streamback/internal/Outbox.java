package io.streamback.internal;

import io.streamback.FeedbackLane;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Sends an application's messages on the main stream and opens the lanes their feedback comes back on. Thread-safe. */
public final class Outbox {
    private final String appName;
    private final Topics topics;
    private final MainStream main;
    private final @Nullable FeedbackStream feedback;
    private final Duration feedbackTimeout;
    private final Executor completions;
    private final JsonValues values;

    Outbox(String appName, Topics topics, MainStream main, @Nullable FeedbackStream feedback,
            Duration feedbackTimeout, Executor completions, JsonValues values) {
        this.appName = appName;
        this.topics = topics;
        this.main = main;
        this.feedback = feedback;
        this.feedbackTimeout = feedbackTimeout;
        this.completions = completions;
        this.values = values;
    }

    /**
     * Sends {@code value} on {@code topic} (without prefix), returning the lane of its feedback.
     *
     * @throws io.streamback.StreambackException when the application's mapper cannot write {@code value}
     */
    public FeedbackLane send(String topic, @Nullable Object value, @Nullable String key) {
        String feedbackTopic = feedback == null ? FeedbackKeys.newKey() : feedback.newKey();
        byte[] bytes = WireCodec.encode(MainEnvelope.message(values.toPlain(value), feedbackTopic, appName));
        CompletableFuture<Void> sent = main.send(new OutboundRecord(topics.full(topic), key, bytes));
        return new DefaultFeedbackLane(feedbackTopic, feedback, sent, feedbackTimeout, completions, values);
    }

    /** Sends {@code value} on {@code topic} saying that no feedback is expected. */
    public CompletableFuture<Void> sendOneWay(String topic, @Nullable Object value, @Nullable String key) {
        byte[] bytes = WireCodec.encode(MainEnvelope.oneWay(values.toPlain(value), FeedbackKeys.newKey(), appName));
        return main.send(new OutboundRecord(topics.full(topic), key, bytes));
    }

    /** A lane reading the feedback on {@code feedbackTopic}, already checked to be a feedback key. */
    public FeedbackLane lane(String feedbackTopic) {
        return new DefaultFeedbackLane(feedbackTopic, feedback, CompletableFuture.completedFuture(null),
                feedbackTimeout, completions, values);
    }

    /** Waits until every message sent so far reached the main stream. */
    public void flush() {
        main.flush();
    }
}
