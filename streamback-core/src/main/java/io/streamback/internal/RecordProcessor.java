package io.streamback.internal;

import io.streamback.Listener;
import io.streamback.ListenerInfo;
import io.streamback.Streamback;
import io.streamback.spi.InboundRecord;
import io.streamback.wire.MainEnvelope;
import io.streamback.wire.MalformedRecordException;
import io.streamback.wire.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one record: decodes it, runs every listener of its topic, then sends the end marker
 * (with the listeners' errors, if any) as Python streamback does for every message.
 */
final class RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    /** A listener instance owned by one worker. */
    record Bound(ListenerInfo info, Listener listener) {
    }

    private final Streamback streamback;
    private final String group;
    private final Topics topics;
    private final FeedbackWriter writer;
    private final Callbacks callbacks;

    RecordProcessor(Streamback streamback, String group, Topics topics, FeedbackWriter writer, Callbacks callbacks) {
        this.streamback = streamback;
        this.group = group;
        this.topics = topics;
        this.writer = writer;
        this.callbacks = callbacks;
    }

    void process(InboundRecord record, List<Bound> listeners) {
        MainEnvelope envelope;
        try {
            envelope = WireCodec.decodeMessage(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("event=record_skipped {} reason=\"{}\"", record.position(), e.getMessage());
            return;
        }
        InboundMessage message = new InboundMessage(envelope, topics.local(record.topic()), record.key(), writer);
        String replyKey = message.replyKey();
        if (replyKey == null && envelope.feedbackTopic() != null) {
            LOG.warn("event=feedback_topic_rejected {} feedback_topic={} reason=\"not streamback_feedback_<uuid>:"
                    + " no replies nor end marker will be written\"", record.position(),
                    Abbreviate.text(envelope.feedbackTopic()));
        }
        List<Throwable> errors = new ArrayList<>();
        for (Bound bound : listeners) {
            Throwable error = runOne(bound, message);
            if (error != null) {
                errors.add(error);
            }
        }
        if (replyKey != null && writer.enabled()) {
            writer.end(replyKey, errors.isEmpty() ? null : ErrorText.of(errors));
        }
    }

    private @org.jspecify.annotations.Nullable Throwable runOne(Bound bound, InboundMessage message) {
        WorkerContext context = new WorkerContext(streamback, bound.info(), group);
        callbacks.consumeBegin(bound.info(), context, message);
        Throwable error = null;
        try {
            bound.listener().consume(context, message);
        } catch (Exception | LinkageError | AssertionError e) {
            error = e;
            LOG.warn("event=listener_failed listener={} topic={} error={}", bound.info().name(), message.topic(),
                    e.toString(), e);
            callbacks.consumeException(bound.info(), e, context, message);
        }
        callbacks.consumeEnd(bound.info(), context, message, error);
        return error;
    }
}
