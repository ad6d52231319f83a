package io.streamback.internal;

import io.streamback.Context;
import io.streamback.RetryStrategy;
import io.streamback.ext.ConsumedRecord;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.MalformedRecordException;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles records one step at a time: decodes one into a {@link RecordTask}, runs its topic's
 * listeners until they are done or one must wait for a retry ({@link RetryStrategy}), dead-letters
 * what still fails, then sends the end marker (with the listeners' errors, if any) as Python
 * streamback does for every message. Shared by the workers of an application; keeps no state of
 * its own.
 */
final class RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);
    /** The error type of the end marker answering a request whose deadline passed. */
    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    /** Where a record stands after a step. */
    enum Step {
        /** Every listener ran (some may have failed for good): commit it once its feedback is written. */
        DONE,
        /** A listener failed and is tried again at the task's due time. */
        WAIT,
        /** It failed and its dead letter could not be written: do not commit, deliver it again. */
        REDELIVER
    }

    private final String group;
    private final Topics topics;
    private final FeedbackWriter writer;
    private final FacadeHooks hooks;
    private final DeadLetters deadLetters;
    private final JsonValues values;
    private final String appName;
    private final Observers observers;

    RecordProcessor(String appName, String group, Topics topics, FeedbackWriter writer, FacadeHooks hooks,
            DeadLetters deadLetters, JsonValues values, Observers observers) {
        this.appName = appName;
        this.observers = observers;
        this.group = group;
        this.topics = topics;
        this.writer = writer;
        this.hooks = hooks;
        this.deadLetters = deadLetters;
        this.values = values;
    }

    /** A buffer for the end markers of one worker. */
    EndMarkers endMarkers() {
        return new EndMarkers(writer);
    }

    /**
     * Decodes {@code record}; a record that is not a Streamback message is logged and has nothing to
     * run, and a request whose deadline passed has nothing to run but its error end marker. The task
     * reports to {@code stats} and, for a message, to the registered observers.
     *
     * @param workerGroup the name of the worker group handling it
     */
    RecordTask begin(InboundRecord record, List<BoundListener> listeners, String workerGroup, WorkerStats stats) {
        MainEnvelope envelope;
        try {
            envelope = WireCodec.decodeMessage(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("event=record_skipped {} reason=\"{}\"", record.position(), LogText.of(e.getMessage()));
            return new RecordTask(record, List.of(), null, new RecordWrites(), stats);
        }
        RecordWrites writes = new RecordWrites(writer);
        InboundMessage message = new InboundMessage(envelope, topics.local(record.topic()), record.key(),
                record.headers(), writer, values, writes);
        if (message.replyKey() == null && envelope.feedbackTopic() != null && envelope.expectsFeedback()) {
            LOG.warn("event=feedback_topic_rejected {} feedback_topic={} reason=\"not streamback_feedback_<uuid>:"
                    + " no replies nor end marker will be written\"", record.position(),
                    LogText.of(envelope.feedbackTopic()));
        }
        RecordObserver observer = observers.record(stats, observers.any()
                ? new ConsumedRecord(appName, group, workerGroup, record.partition(), record.offset(), message) : null);
        if (observer != stats) {
            writes.feedbackFields(FeedbackFields.toWrite(observer.feedbackFields()));
        }
        String expired = expired(envelope, record);
        return expired == null ? new RecordTask(record, listeners, message, writes, observer)
                : new RecordTask(record, message, writes, expired, observer);
    }

    /**
     * Why {@code envelope}'s request is not run, when its deadline passed by this JVM's clock; null
     * when it has none (Python's never do) or is in time.
     */
    private static @Nullable String expired(MainEnvelope envelope, InboundRecord record) {
        Instant deadline = envelope.deadline();
        if (deadline == null) {
            return null;
        }
        long lateMillis = System.currentTimeMillis() - deadline.toEpochMilli();
        if (lateMillis < 0) {
            return null;
        }
        LOG.debug("event=request_expired {} source_group={} deadline={} late_ms={} action=\"listeners not run;"
                + " answered with DeadlineExceeded if feedback is expected\"", record.position(),
                LogText.of(envelope.sourceGroup()), deadline, lateMillis);
        return String.format(Locale.ROOT, "request expired at %s, %.1f s before it was received", deadline,
                lateMillis / 1000.0);
    }

    /** Runs {@code task}'s listeners from where it stands until it is done or must wait. */
    Step advance(RecordTask task, ListenerCalls calls) {
        InboundMessage message = task.message;
        if (message == null) {
            return Step.DONE;
        }
        if (task.expired != null) {
            return expire(task, message);
        }
        for (BoundListener bound = task.current(); bound != null; bound = task.current()) {
            long started = System.nanoTime();
            Throwable error = runOne(bound, message, task, calls);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (error == null) {
                task.observer.listenerSucceeded(bound.info(), took);
                task.nextListener();
                continue;
            }
            RetryStrategy retry = bound.retry();
            if (willRetry(retry, task.retries(), error)) {
                Duration wait = retry.delayBefore(task.retries() + 1);
                task.retryAt(System.nanoTime() + wait.toNanos());
                task.observer.listenerRetrying(bound.info(), took, error, task.retries(), wait);
                LOG.info("event=listener_retry listener={} {} try={} of={} in_ms={}", bound.info().name(),
                        task.record.position(), task.retries(), retry.times(), wait.toMillis());
                return Step.WAIT;
            }
            task.errors.add(error);
            LOG.warn("event=listener_failed listener={} {} error={}", bound.info().name(), task.record.position(),
                    LogText.of(error), error);
            task.observer.listenerFailed(bound.info(), took, error);
            if (!deadLetter(bound, task, ErrorText.of(List.of(error)))) {
                return Step.REDELIVER;
            }
            task.nextListener();
        }
        sendEnd(message.replyKey(), task.errors.isEmpty() ? null : ErrorText.of(task.errors), task.writes);
        task.observer.finished(task.errors.isEmpty() ? RecordOutcome.HANDLED : RecordOutcome.FAILED,
                Duration.ofNanos(System.nanoTime() - task.startedNanos));
        return Step.DONE;
    }

    /**
     * Gives up a record that killed {@link PoisonRecords#DEATHS_BEFORE_GIVING_UP} workers without
     * running it again: every listener counts as failed with {@code killerError}, the sender gets the
     * error end marker, and the record goes to each listener's dead-letter topic.
     */
    Step giveUp(RecordTask task, String killerError) {
        if (task.expired != null && task.message != null) {
            return expire(task, task.message); // it runs nothing, so it cannot kill a worker again
        }
        String error = ErrorText.of("WorkerKilled", killerError);
        LOG.error("event=record_given_up {} workers_killed={} error={}", task.record.position(),
                PoisonRecords.DEATHS_BEFORE_GIVING_UP, LogText.of(killerError));
        for (BoundListener bound : task.listeners) {
            if (!deadLetter(bound, task, error)) {
                return Step.REDELIVER;
            }
        }
        if (task.message != null) {
            sendEnd(task.message.replyKey(), error, task.writes);
        }
        task.observer.finished(RecordOutcome.GIVEN_UP, Duration.ZERO);
        return Step.DONE;
    }

    /** Answers a request whose deadline passed with the error end marker, without running or dead-lettering it. */
    private Step expire(RecordTask task, InboundMessage message) {
        sendEnd(message.replyKey(), ErrorText.of(DEADLINE_EXCEEDED, task.expired), task.writes);
        task.observer.finished(RecordOutcome.EXPIRED, Duration.ZERO);
        return Step.DONE;
    }

    /**
     * Sends {@code task}'s record to {@code bound}'s dead-letter topic, when its retry strategy names
     * one, and tells the task's observer; false if that failed.
     */
    private boolean deadLetter(BoundListener bound, RecordTask task, String error) {
        RetryStrategy retry = bound.retry();
        if (retry == null || retry.deadLetterTopic() == null) {
            return true;
        }
        String topic = topics.full(retry.deadLetterTopic());
        if (!deadLetters.send(topic, task.record, bound.info(), error)) {
            return false;
        }
        task.observer.deadLettered(bound.info(), topic);
        return true;
    }

    /** The end marker, with {@code error} when a listener failed, if the message can be answered. */
    private void sendEnd(@Nullable String replyKey, @Nullable String error, RecordWrites writes) {
        if (replyKey != null && writer.enabled()) {
            writes.end(replyKey, error);
        }
    }

    private static boolean willRetry(@Nullable RetryStrategy retry, int tries, Throwable error) {
        return retry != null && tries < retry.times() && retry.retries(error);
    }

    /** One try; {@code onConsumeException} runs only when the failure is final (no retry follows). */
    private @Nullable Throwable runOne(BoundListener bound, InboundMessage message, RecordTask task,
            ListenerCalls calls) {
        Context context = hooks.context(bound.info(), group);
        hooks.consumeBegin(bound.info(), context, message);
        Throwable error = calls.call(bound, context, message, task.record, task.observer);
        if (error != null && !willRetry(bound.retry(), task.retries(), error)) {
            hooks.consumeException(bound.info(), context, message, error);
        }
        hooks.consumeEnd(bound.info(), context, message, error);
        return error;
    }
}
