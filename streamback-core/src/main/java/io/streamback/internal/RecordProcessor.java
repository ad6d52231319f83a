package io.streamback.internal;

import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import io.streamback.spi.InboundRecord;
import io.streamback.wire.MainEnvelope;
import io.streamback.wire.MalformedRecordException;
import io.streamback.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one record: decodes it, runs every listener of its topic (retrying as each listener's
 * {@link RetryStrategy} says), dead-letters what still fails, then sends the end marker (with the
 * listeners' errors, if any) as Python streamback does for every message.
 */
final class RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    /** A listener instance owned by one worker, with its retry strategy. */
    record Bound(ListenerInfo info, Listener listener, @Nullable RetryStrategy retry) {
    }

    /** Waits between tries without stalling the consumer; false when the record must be given up. */
    @FunctionalInterface
    interface RetryWait {
        boolean await(InboundRecord record, Duration interval);
    }

    /** What became of a record. */
    enum Outcome {
        /** Every listener ran (some may have failed for good): commit it. */
        DONE,
        /** Given up half-way (partition revoked, or shutting down): do not commit, its next owner handles it. */
        ABANDONED
    }

    private final Streamback streamback;
    private final String group;
    private final Topics topics;
    private final FeedbackWriter writer;
    private final Callbacks callbacks;
    private final DeadLetters deadLetters;

    RecordProcessor(Streamback streamback, String group, Topics topics, FeedbackWriter writer, Callbacks callbacks,
            DeadLetters deadLetters) {
        this.streamback = streamback;
        this.group = group;
        this.topics = topics;
        this.writer = writer;
        this.callbacks = callbacks;
        this.deadLetters = deadLetters;
    }

    /** A buffer for the end markers of one worker. */
    EndMarkers endMarkers() {
        return new EndMarkers(writer);
    }

    /** Handles {@code record}; its feedback writes and end marker are added to {@code writes}. */
    Outcome process(InboundRecord record, List<Bound> listeners, RetryWait retryWait, WorkerStats stats,
            RecordWrites writes) {
        long started = System.nanoTime();
        MainEnvelope envelope;
        try {
            envelope = WireCodec.decodeMessage(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("event=record_skipped {} reason=\"{}\"", record.position(), e.getMessage());
            return Outcome.DONE;
        }
        InboundMessage message = new InboundMessage(envelope, topics.local(record.topic()), record.key(), writer,
                writes);
        String replyKey = message.replyKey();
        if (replyKey == null && envelope.feedbackTopic() != null && envelope.expectsFeedback()) {
            LOG.warn("event=feedback_topic_rejected {} feedback_topic={} reason=\"not streamback_feedback_<uuid>:"
                    + " no replies nor end marker will be written\"", record.position(),
                    Abbreviate.text(envelope.feedbackTopic()));
        }
        List<Throwable> errors = new ArrayList<>();
        for (Bound bound : listeners) {
            Throwable error = runOne(bound, message, 0);
            int tries = 0;
            RetryStrategy retry = bound.retry();
            while (error != null && willRetry(retry, tries, error)) {
                tries++;
                LOG.info("event=listener_retry listener={} {} try={} of={} in_ms={}", bound.info().name(),
                        record.position(), tries, retry.times(), retry.interval().toMillis());
                if (!retryWait.await(record, retry.interval())) {
                    LOG.info("event=record_abandoned {} reason=\"partition revoked or shutting down\"",
                            record.position());
                    return Outcome.ABANDONED;
                }
                error = runOne(bound, message, tries);
            }
            if (error != null) {
                failedForGood(bound, error, record, message, errors);
            }
        }
        sendEnd(replyKey, errors.isEmpty() ? null : ErrorText.of(errors), writes);
        stats.recordHandled(System.nanoTime() - started, !errors.isEmpty());
        return Outcome.DONE;
    }

    /**
     * Gives up a record that killed {@link FatalRecords#DEATHS_BEFORE_GIVING_UP} workers without
     * running it again: every listener counts as failed with {@code killerError}, the sender gets the
     * error end marker, and the record goes to each listener's dead-letter topic.
     */
    void giveUp(InboundRecord record, List<Bound> listeners, String killerError, WorkerStats stats,
            RecordWrites writes) {
        String error = ErrorText.of("WorkerKilled", killerError);
        LOG.error("event=record_given_up {} workers_killed={} error={}", record.position(),
                FatalRecords.DEATHS_BEFORE_GIVING_UP, killerError);
        for (Bound bound : listeners) {
            deadLetter(bound, record, error);
        }
        try {
            sendEnd(InboundMessage.replyKey(WireCodec.decodeMessage(record.value())), error, writes);
        } catch (MalformedRecordException e) {
            // a record that does not decode never reaches a listener, so it cannot have killed one
        }
        stats.recordHandled(0, true);
    }

    private void failedForGood(Bound bound, Throwable error, InboundRecord record, InboundMessage message,
            List<Throwable> errors) {
        errors.add(error);
        LOG.warn("event=listener_failed listener={} {} error={}", bound.info().name(), record.position(),
                error.toString(), error);
        deadLetter(bound, record, ErrorText.of(List.of(error)));
    }

    /** Sends {@code record} to {@code bound}'s dead-letter topic, when its retry strategy names one. */
    private void deadLetter(Bound bound, InboundRecord record, String error) {
        RetryStrategy retry = bound.retry();
        if (retry != null && retry.deadLetterTopic() != null) {
            deadLetters.send(topics.full(retry.deadLetterTopic()), record, bound.info(), error);
        }
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
    private @Nullable Throwable runOne(Bound bound, InboundMessage message, int tries) {
        WorkerContext context = new WorkerContext(streamback, bound.info(), group);
        callbacks.consumeBegin(bound.info(), context, message);
        Throwable error = null;
        try {
            bound.listener().consume(context, message);
        } catch (Exception | LinkageError | AssertionError e) {
            error = e;
            if (!willRetry(bound.retry(), tries, e)) {
                callbacks.consumeException(bound.info(), e, context, message);
            }
        }
        callbacks.consumeEnd(bound.info(), context, message, error);
        return error;
    }
}
