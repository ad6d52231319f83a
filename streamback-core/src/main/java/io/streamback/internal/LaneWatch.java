package io.streamback.internal;

import io.streamback.ext.RequestObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What watches one lane: the request's observer, with the time of the send and whether a reply
 * came yet, and the instance's count of waiting reads. Shared by a lane and its views.
 */
final class LaneWatch {
    private final RequestObserver observer;
    private final long sentNanos;
    private final AtomicBoolean replied = new AtomicBoolean();
    private final AtomicInteger readsWaiting;

    LaneWatch(RequestObserver observer, long sentNanos, AtomicInteger readsWaiting) {
        this.observer = observer;
        this.sentNanos = sentNanos;
        this.readsWaiting = readsWaiting;
    }

    /** A read began to wait; {@link #readDone()} when it has its result. */
    void readWaiting() {
        readsWaiting.incrementAndGet();
    }

    void readDone() {
        readsWaiting.decrementAndGet();
    }

    /** A read took a reply of {@code group}, whose entry had {@code extras} beside the protocol's fields. */
    void reply(String group, Map<String, @Nullable Object> extras) {
        if (observer != RequestObserver.NONE) {
            observer.reply(group, sinceSend(), replied.compareAndSet(false, true), FeedbackFields.read(extras));
        }
    }

    /**
     * An end marker that ended a read: plain ({@code error} null), an expired deadline, or a
     * listener's error; {@code extras} are its fields beside the protocol's.
     */
    void ended(String group, @Nullable String error, Map<String, @Nullable Object> extras) {
        if (observer == RequestObserver.NONE) {
            return;
        }
        Map<String, String> fields = FeedbackFields.read(extras);
        if (error == null) {
            observer.ended(group, sinceSend(), fields);
        } else if (error.startsWith(RecordProcessor.DEADLINE_EXCEEDED + "(")) {
            observer.deadlineExpired(group, sinceSend(), fields);
        } else {
            observer.remoteError(group, error, sinceSend(), fields);
        }
    }

    void timedOut(Duration timeout) {
        observer.timedOut(timeout);
    }

    private Duration sinceSend() {
        return Duration.ofNanos(System.nanoTime() - sentNanos);
    }
}
