package io.streamback.internal;

import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreambackException;
import io.streamback.spi.FeedbackStream;
import io.streamback.wire.Events;
import io.streamback.wire.FeedbackEntry;
import io.streamback.wire.Json;
import io.streamback.wire.MalformedRecordException;
import io.streamback.wire.WireCodec;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
    private volatile boolean ended;

    /**
     * A lane on list {@code key} of {@code stream} (null: no feedback stream configured), readable
     * once {@code sent} completes; a failed send fails every read.
     */
    public DefaultFeedbackLane(String key, @Nullable FeedbackStream stream, CompletableFuture<Void> sent,
            Duration defaultTimeout, Executor completions) {
        this.key = key;
        this.stream = stream;
        this.sent = sent;
        this.defaultTimeout = defaultTimeout;
        this.completions = completions;
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
        return await(readAsync(null, timeout));
    }

    @Override
    public <T> @Nullable T read(String fromGroup, Class<T> type, Duration timeout) {
        return Json.convert(await(readAsync(fromGroup, timeout)), type);
    }

    @Override
    public CompletableFuture<@Nullable Object> readAsync(Duration timeout) {
        return readAsync(null, timeout);
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

    private CompletableFuture<@Nullable Object> readAsync(@Nullable String fromGroup, Duration timeout) {
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        if (stream == null) {
            result.completeExceptionally(new StreambackException(FeedbackWriter.NO_FEEDBACK_STREAM));
        } else if (ended) {
            result.complete(null);
        } else {
            sent.whenComplete((ok, error) -> {
                if (error != null) {
                    fail(result, new StreambackException("the message was not sent, so no feedback will come: "
                            + unwrap(error), unwrap(error)));
                } else {
                    popNext(stream, fromGroup, timeout, result);
                }
            });
        }
        return result;
    }

    private void popNext(FeedbackStream from, @Nullable String fromGroup, Duration timeout,
            CompletableFuture<@Nullable Object> result) {
        from.pop(key, timeout).whenComplete((entry, error) -> {
            if (error != null) {
                fail(result, new StreambackException("reading feedback " + key + " failed: " + unwrap(error),
                        unwrap(error)));
            } else if (entry.isEmpty()) {
                fail(result, new FeedbackTimeoutException(key, timeout));
            } else {
                accept(from, entry, fromGroup, timeout, result);
            }
        });
    }

    private void accept(FeedbackStream from, Optional<String> text, @Nullable String fromGroup, Duration timeout,
            CompletableFuture<@Nullable Object> result) {
        FeedbackEntry entry;
        try {
            entry = WireCodec.decodeFeedback(text.orElseThrow());
        } catch (MalformedRecordException e) {
            LOG.warn("event=feedback_entry_skipped feedback_topic={} reason=\"{}\"", key, e.getMessage());
            popNext(from, fromGroup, timeout, result);
            return;
        }
        if (fromGroup != null && !fromGroup.equals(entry.sourceGroup())) {
            popNext(from, fromGroup, timeout, result);
        } else if (entry.isResponse()) {
            succeed(result, entry.value());
        } else if (Events.RESPONSE_END.equals(entry.event())) {
            ended = true;
            succeed(result, null);
        } else if (Events.RESPONSE_END_WITH_ERROR.equals(entry.event())) {
            ended = true;
            String remote = entry.error() == null ? "(no error text)" : entry.error();
            fail(result, new FeedbackException(remote, entry.sourceGroup()));
        } else {
            popNext(from, fromGroup, timeout, result);
        }
    }

    private void succeed(CompletableFuture<@Nullable Object> result, @Nullable Object value) {
        handOver(() -> result.complete(value));
    }

    private void fail(CompletableFuture<@Nullable Object> result, Throwable error) {
        handOver(() -> result.completeExceptionally(error));
    }

    private void handOver(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run(); // the instance is closed: complete here rather than never
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
            Thread.currentThread().interrupt();
            throw new StreambackException("interrupted while waiting for feedback", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof StreambackException streambackException) {
                throw streambackException;
            }
            throw new StreambackException("reading feedback failed: " + cause, cause);
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
