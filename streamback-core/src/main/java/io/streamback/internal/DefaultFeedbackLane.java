package io.streamback.internal;

import io.streamback.NotSentException;
import io.streamback.FeedbackUnavailableException;
import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreambackException;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.MalformedRecordException;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies of one message. Each read pops entries asynchronously until one is meant for
 * the reader; results are handed over on {@code completions}, never on the transport's thread.
 */
public final class DefaultFeedbackLane implements FeedbackLane {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFeedbackLane.class);

    private final String key;
    private final @Nullable FeedbackStream stream;
    private final CompletableFuture<Void> sent;
    private final Duration defaultTimeout;
    private final Executor completions;
    private final JsonValues values;
    private volatile boolean ended;
    private volatile @Nullable String endedBy;

    /**
     * A lane on list {@code key} of {@code stream} (null: no feedback stream configured), readable
     * once {@code sent} completes; a failed send fails every read. Typed reads map replies with {@code values}.
     */
    public DefaultFeedbackLane(String key, @Nullable FeedbackStream stream, CompletableFuture<Void> sent,
            Duration defaultTimeout, Executor completions, JsonValues values) {
        this.key = key;
        this.stream = stream;
        this.sent = sent;
        this.defaultTimeout = defaultTimeout;
        this.completions = completions;
        this.values = values;
    }

    @Override
    public String feedbackTopic() {
        return key;
    }

    @Override
    public CompletableFuture<Void> sent() {
        return sent.copy();
    }

    @Override
    public @Nullable Object read() {
        return read(defaultTimeout);
    }

    @Override
    public @Nullable Object read(Duration timeout) {
        return await(readAsync(null, timeout, true));
    }

    @Override
    public <T> @Nullable T read(String fromGroup, Class<T> type, Duration timeout) {
        return values.convert(await(readAsync(fromGroup, timeout, true)), type);
    }

    @Override
    public CompletableFuture<@Nullable Object> readAsync(Duration timeout) {
        return readAsync(null, timeout, false);
    }

    @Override
    public Iterable<@Nullable Object> stream() {
        return stream(defaultTimeout);
    }

    @Override
    public Iterable<@Nullable Object> stream(Duration timeout) {
        return () -> new Replies(timeout);
    }

    @Override
    public boolean isEnded() {
        return ended;
    }

    @Override
    public @Nullable String endedBy() {
        return endedBy;
    }

    /**
     * @param blocking whether the caller waits for the result in {@link #await}: then no callback of
     *     the caller's runs on completion, so it is completed on the transport's own thread, one hop shorter
     */
    private CompletableFuture<@Nullable Object> readAsync(@Nullable String fromGroup, Duration timeout,
            boolean blocking) {
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        if (stream == null) {
            result.completeExceptionally(new FeedbackUnavailableException(FeedbackWriter.NO_FEEDBACK_STREAM));
        } else if (ended) {
            result.complete(null);
        } else {
            new Read(stream, fromGroup, timeout, result, blocking ? Runnable::run : completions).start();
        }
        return result;
    }

    /**
     * One read: pops entries until one is meant for the reader. Its pop starts at once, while the
     * message may still be on its way to Kafka (nothing can answer before it arrives), and is
     * given up when the caller gives up the read: an entry taken meanwhile is put back, so the next
     * read gets it. A read's result is completed on {@code handling}: the caller's completion
     * threads, or, for a caller blocked in {@code read}, the transport's own thread.
     */
    private final class Read {
        private final FeedbackStream from;
        private final @Nullable String fromGroup;
        private final Duration timeout;
        private final CompletableFuture<@Nullable Object> result;
        private final Map<String, Integer> skippedGroups = new TreeMap<>();
        private int malformed;
        private @Nullable String firstMalformed;
        private final Executor handling;
        private volatile @Nullable CompletableFuture<Optional<String>> pop;

        Read(FeedbackStream from, @Nullable String fromGroup, Duration timeout,
                CompletableFuture<@Nullable Object> result, Executor handling) {
            this.handling = handling;
            this.from = from;
            this.fromGroup = fromGroup;
            this.timeout = timeout;
            this.result = result;
        }

        void start() {
            result.whenComplete((value, error) -> {
                CompletableFuture<Optional<String>> current = pop;
                if (current != null) {
                    current.cancel(false); // the caller gave up, or we are done: release the pop
                }
            });
            if (sent.isCompletedExceptionally()) {
                notSent(sent.handle((ok, e) -> e).join());
                return;
            }
            if (!sent.isDone()) {
                sent.whenCompleteAsync((ok, error) -> {
                    if (error != null) {
                        notSent(error);
                    }
                }, completions);
            }
            next();
        }

        private void notSent(Throwable error) {
            Throwable cause = unwrap(error);
            String reason = cause instanceof StreambackException ? cause.getMessage() : cause.toString(); // ours say what to check
            fail(new NotSentException("the message was not sent, so no feedback will come: " + reason, cause));
        }

        private void next() {
            if (result.isDone()) {
                return;
            }
            CompletableFuture<Optional<String>> current = from.pop(key, timeout);
            pop = current;
            if (result.isDone()) {
                current.cancel(false);
                return;
            }
            current.whenCompleteAsync(this::popped, handling);
        }

        private void popped(@Nullable Optional<String> entry, @Nullable Throwable error) {
            if (error != null && unwrap(error) instanceof CancellationException) {
                return;
            }
            if (result.isDone()) {
                if (entry != null && entry.isPresent()) {
                    from.unpop(key, entry.get()); // the caller gave up meanwhile: keep it for the next read
                }
                return;
            }
            if (error != null) {
                fail(new FeedbackUnavailableException("reading feedback " + key + " failed: " + unwrap(error).getMessage(),
                        unwrap(error)));
            } else if (entry == null || entry.isEmpty()) {
                logMalformed();
                fail(new FeedbackTimeoutException(key, timeout, whyNothing()));
            } else {
                accept(entry.get());
            }
        }

        private void accept(String text) {
            FeedbackEntry entry;
            try {
                entry = WireCodec.decodeFeedback(text);
            } catch (MalformedRecordException e) {
                if (malformed++ == 0) {
                    firstMalformed = e.getMessage();
                }
                next();
                return;
            }
            String group = entry.sourceGroup() == null ? "(none)" : entry.sourceGroup();
            if (fromGroup != null && !fromGroup.equals(entry.sourceGroup())) {
                skippedGroups.merge(group, 1, Integer::sum);
                next();
                return;
            }
            logMalformed();
            if (entry.isResponse()) {
                if (!result.complete(entry.value())) {
                    from.unpop(key, text);
                }
            } else if (Events.RESPONSE_END.equals(entry.event())) {
                end(text, group, null);
            } else if (Events.RESPONSE_END_WITH_ERROR.equals(entry.event())) {
                String remote = entry.error() == null ? "(no error text)" : entry.error();
                end(text, group, new FeedbackException(remote, entry.sourceGroup()));
            } else {
                next();
            }
        }

        private void end(String text, String group, @Nullable FeedbackException error) {
            ended = true;
            endedBy = group;
            boolean taken = error == null ? result.complete(null) : result.completeExceptionally(error);
            if (!taken) {
                ended = false;
                endedBy = null;
                from.unpop(key, text);
            }
        }

        private String whyNothing() {
            if (!skippedGroups.isEmpty()) {
                return "only entries of other consumer groups came " + skippedGroups + ", none of group "
                        + fromGroup + "; is " + fromGroup + " the group that answers this topic?";
            }
            if (malformed > 0) {
                return "only entries that are not feedback came";
            }
            return "is a consumer listening on the topic, and is it running?";
        }

        /** Entries that were not feedback are logged once per read, with their count. */
        private void logMalformed() {
            if (malformed > 0) {
                LOG.warn("event=feedback_entries_skipped feedback_topic={} count={} first_reason=\"{}\"", key,
                        malformed, LogText.of(firstMalformed));
                malformed = 0;
            }
        }

        private void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static @Nullable Object await(CompletableFuture<@Nullable Object> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false); // the caller gave up: release the pop, so the next read gets the entry
            Thread.currentThread().interrupt();
            throw new FeedbackUnavailableException("interrupted while waiting for feedback", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof StreambackException streambackException) {
                throw streambackException;
            }
            throw new FeedbackUnavailableException("reading feedback failed: " + cause, cause);
        }
    }

    @Override
    public String toString() {
        return "FeedbackLane{" + key + (ended ? ", ended" : "") + "}";
    }

    private final class Replies implements Iterator<@Nullable Object> {
        private final Duration timeout;
        private boolean fetched;
        private @Nullable Object next;

        Replies(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public boolean hasNext() {
            if (!fetched) {
                next = read(timeout);
                fetched = true;
            }
            return !(ended && next == null);
        }

        @Override
        public @Nullable Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the feedback stream " + key + " has ended");
            }
            fetched = false;
            return next;
        }
    }
}
