package io.streamback.internal;

import io.streamback.FeedbackLane;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Observers observers;
    private final AtomicInteger readsWaiting = new AtomicInteger();

    Outbox(String appName, Topics topics, MainStream main, @Nullable FeedbackStream feedback,
            Duration feedbackTimeout, Executor completions, JsonValues values, Observers observers) {
        this.appName = appName;
        this.observers = observers;
        this.topics = topics;
        this.main = main;
        this.feedback = feedback;
        this.feedbackTimeout = feedbackTimeout;
        this.completions = completions;
        this.values = values;
    }

    /**
     * Sends {@code value} on {@code topic} (without prefix), without headers nor deadline, returning
     * the lane of its feedback.
     *
     * @throws io.streamback.MappingException when the application's mapper cannot write {@code value}
     */
    public FeedbackLane send(String topic, @Nullable Object value, @Nullable String key) {
        return send(topic, value, key, Map.of(), null);
    }

    /**
     * Sends {@code value} on {@code topic} (without prefix) with {@code headers} as record headers
     * and {@code deadline} in the envelope (none when null), returning the lane of its feedback.
     */
    public FeedbackLane send(String topic, @Nullable Object value, @Nullable String key, Map<String, String> headers,
            @Nullable Instant deadline) {
        long madeAt = System.nanoTime();
        String feedbackTopic = feedback == null ? FeedbackKeys.newKey() : feedback.newKey();
        byte[] bytes = WireCodec.encode(MainEnvelope.message(values.toPlain(value), feedbackTopic, appName, deadline));
        RequestObserver observer = observe(topic, key, headers, deadline, true, feedbackTopic);
        long sentNanos = System.nanoTime();
        CompletableFuture<Void> sent = main.send(new OutboundRecord(topics.full(topic), key, bytes,
                utf8(withObservers(headers, observer))));
        report(sent, observer);
        return new DefaultFeedbackLane(feedbackTopic, madeAt, feedback, sent, feedbackTimeout, completions, values,
                new LaneWatch(observer, sentNanos, readsWaiting));
    }

    /** Sends {@code value} on {@code topic} saying that no feedback is expected; headers and deadline as for {@code send}. */
    public CompletableFuture<Void> sendOneWay(String topic, @Nullable Object value, @Nullable String key,
            Map<String, String> headers, @Nullable Instant deadline) {
        String feedbackTopic = FeedbackKeys.newKey();
        byte[] bytes = WireCodec.encode(MainEnvelope.oneWay(values.toPlain(value), feedbackTopic, appName, deadline));
        RequestObserver observer = observe(topic, key, headers, deadline, false, feedbackTopic);
        CompletableFuture<Void> sent = main.send(new OutboundRecord(topics.full(topic), key, bytes,
                utf8(withObservers(headers, observer))));
        report(sent, observer);
        return sent;
    }

    /** Reads waiting for a reply now, over every lane of this instance. */
    int readsWaiting() {
        return readsWaiting.get();
    }

    private RequestObserver observe(String topic, @Nullable String key, Map<String, String> headers,
            @Nullable Instant deadline, boolean expectsFeedback, String feedbackTopic) {
        return observers.any() ? observers.request(new RequestInfo(appName, topic, key, headers, deadline,
                expectsFeedback, feedbackTopic)) : RequestObserver.NONE;
    }

    /** The caller's headers and the observers' (trace context, say); the caller's win. */
    private static Map<String, String> withObservers(Map<String, String> headers, RequestObserver observer) {
        if (observer == RequestObserver.NONE) {
            return headers;
        }
        Map<String, String> added = observer.headers();
        if (added.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(added);
        all.putAll(headers);
        return all;
    }

    /** Tells {@code observer} whether the main stream took the record: on a completion thread, never the producer's. */
    private void report(CompletableFuture<Void> sent, RequestObserver observer) {
        if (observer != RequestObserver.NONE) {
            sent.whenCompleteAsync((ok, error) -> {
                if (error == null) {
                    observer.sent();
                } else {
                    observer.notSent(error);
                }
            }, completions);
        }
    }

    private static Map<String, byte[]> utf8(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        headers.forEach((name, value) -> bytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    /** A lane reading the feedback on {@code feedbackTopic}, already checked to be a feedback key. */
    public FeedbackLane lane(String feedbackTopic) {
        return new DefaultFeedbackLane(feedbackTopic, 0, feedback, CompletableFuture.completedFuture(null),
                feedbackTimeout, completions, values, new LaneWatch(RequestObserver.NONE, System.nanoTime(),
                readsWaiting));
    }

    /** Waits until every message sent so far reached the main stream. */
    public void flush() {
        main.flush();
    }
}
