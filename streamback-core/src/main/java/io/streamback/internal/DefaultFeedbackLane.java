package io.streamback.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.streamback.FeedbackUnavailableException;
import io.streamback.MappingException;
import io.streamback.NotSentException;
import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.StreamEndedException;
import io.streamback.StreambackException;
import io.streamback.TypeRef;
import io.streamback.ext.RequestObserver;
import io.streamback.internal.spi.FeedbackStream;
import io.streamback.internal.text.LogText;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.MalformedRecordException;
import io.streamback.internal.wire.WireCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies of one message. Each read pops entries asynchronously until one is meant for
 * the reader; results are handed over on {@code completions}, never on the transport's thread.
 * A lane and its views ({@link #from}, {@link #untilFirstEndMarker}) share one {@link LaneGroups}:
 * what each group sent so far; each view applies its own {@link ReadRule} to it.
 */
public final class DefaultFeedbackLane implements FeedbackLane {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFeedbackLane.class);
    /** A type that keeps replies as the JSON values they arrived as. */
    private static final JavaType UNTYPED = TypeFactory.defaultInstance().constructType(Object.class);

    private final String key;
    private final @Nullable FeedbackStream stream;
    private final CompletableFuture<Void> sent;
    private final Duration defaultTimeout;
    private final Executor completions;
    private final LaneGroups groups;
    private final ReadRule rule;
    private final JsonValues values;
    /** When the key was made, until its first pop; then 0. Shared by the lane's views. */
    private final AtomicLong firstPop;
    private final LaneWatch watch;

    /**
     * A lane on list {@code key} of {@code stream} (null: no feedback stream configured), readable
     * once {@code sent} completes; a failed send fails every read. Replies are mapped by {@code values}.
     */
    public DefaultFeedbackLane(String key, @Nullable FeedbackStream stream, CompletableFuture<Void> sent,
            Duration defaultTimeout, Executor completions, JsonValues values) {
        this(key, 0, stream, sent, defaultTimeout, completions, values,
                new LaneWatch(RequestObserver.NONE, System.nanoTime(), new AtomicInteger()));
    }

    /**
     * The same for a key this instance made at {@code madeAtNanos} ({@link System#nanoTime}; 0:
     * unknown), which lets the first read skip looking at a list that cannot hold anything yet;
     * its reads and what they take are reported to {@code watch}.
     */
    DefaultFeedbackLane(String key, long madeAtNanos, @Nullable FeedbackStream stream, CompletableFuture<Void> sent,
            Duration defaultTimeout, Executor completions, JsonValues values, LaneWatch watch) {
        this.watch = watch;
        this.values = values;
        this.key = key;
        this.firstPop = new AtomicLong(madeAtNanos);
        this.stream = stream;
        this.sent = sent;
        this.defaultTimeout = defaultTimeout;
        this.completions = completions;
        this.groups = new LaneGroups(key);
        this.rule = ReadRule.FOLLOW_FIRST_ANSWER;
    }

    /** A view of {@code lane}'s list and groups, read by {@code rule}. */
    private DefaultFeedbackLane(DefaultFeedbackLane lane, ReadRule rule) {
        this.key = lane.key;
        this.firstPop = lane.firstPop;
        this.stream = lane.stream;
        this.sent = lane.sent;
        this.defaultTimeout = lane.defaultTimeout;
        this.completions = lane.completions;
        this.groups = lane.groups;
        this.rule = rule;
        this.values = lane.values;
        this.watch = lane.watch;
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
    public FeedbackLane from(String group) {
        return new DefaultFeedbackLane(this, ReadRule.group(Objects.requireNonNull(group, "group")));
    }

    @Override
    public FeedbackLane untilFirstEndMarker() {
        return new DefaultFeedbackLane(this, ReadRule.FIRST_END_MARKER);
    }

    @Override
    public @Nullable Object read() {
        return read(defaultTimeout);
    }

    @Override
    public @Nullable Object read(Duration timeout) {
        return readBlocking(UNTYPED, timeout);
    }

    @Override
    public <T> @Nullable T read(Class<T> type) {
        return read(type, defaultTimeout);
    }

    @Override
    public <T> @Nullable T read(Class<T> type, Duration timeout) {
        return readBlocking(javaType(type), timeout);
    }

    @Override
    public <T> @Nullable T read(TypeRef<T> type) {
        return read(type, defaultTimeout);
    }

    @Override
    public <T> @Nullable T read(TypeRef<T> type, Duration timeout) {
        return readBlocking(javaType(type), timeout);
    }

    @Override
    public CompletableFuture<@Nullable Object> readAsync() {
        return readAsync(defaultTimeout);
    }

    @Override
    public CompletableFuture<@Nullable Object> readAsync(Duration timeout) {
        return readAsync(UNTYPED, timeout);
    }

    @Override
    public <T> CompletableFuture<@Nullable T> readAsync(Class<T> type) {
        return readAsync(type, defaultTimeout);
    }

    @Override
    public <T> CompletableFuture<@Nullable T> readAsync(Class<T> type, Duration timeout) {
        return readAsync(javaType(type), timeout);
    }

    @Override
    public <T> CompletableFuture<@Nullable T> readAsync(TypeRef<T> type) {
        return readAsync(type, defaultTimeout);
    }

    @Override
    public <T> CompletableFuture<@Nullable T> readAsync(TypeRef<T> type, Duration timeout) {
        return readAsync(javaType(type), timeout);
    }

    @Override
    public Iterable<@Nullable Object> stream() {
        return stream(defaultTimeout);
    }

    @Override
    public Iterable<@Nullable Object> stream(Duration timeout) {
        return iterable(UNTYPED, timeout);
    }

    @Override
    public <T> Iterable<@Nullable T> stream(Class<T> type) {
        return stream(type, defaultTimeout);
    }

    @Override
    public <T> Iterable<@Nullable T> stream(Class<T> type, Duration timeout) {
        return iterable(javaType(type), timeout);
    }

    @Override
    public <T> Iterable<@Nullable T> stream(TypeRef<T> type) {
        return stream(type, defaultTimeout);
    }

    @Override
    public <T> Iterable<@Nullable T> stream(TypeRef<T> type, Duration timeout) {
        return iterable(javaType(type), timeout);
    }

    @Override
    public Stream<@Nullable Object> replies() {
        return replies(defaultTimeout);
    }

    @Override
    public Stream<@Nullable Object> replies(Duration timeout) {
        return javaStream(UNTYPED, timeout);
    }

    @Override
    public <T> Stream<@Nullable T> replies(Class<T> type) {
        return replies(type, defaultTimeout);
    }

    @Override
    public <T> Stream<@Nullable T> replies(Class<T> type, Duration timeout) {
        return javaStream(javaType(type), timeout);
    }

    @Override
    public <T> Stream<@Nullable T> replies(TypeRef<T> type) {
        return replies(type, defaultTimeout);
    }

    @Override
    public <T> Stream<@Nullable T> replies(TypeRef<T> type, Duration timeout) {
        return javaStream(javaType(type), timeout);
    }

    @Override
    public boolean isEnded() {
        return groups.endedBy(rule) != null;
    }

    @Override
    public @Nullable String endedBy() {
        return groups.endedBy(rule);
    }

    /**
     * Maps a reply's JSON value to {@code type}: the one place where replies meet a mapper. Values
     * already of the type's class are kept as they are.
     *
     * @throws IllegalArgumentException when the value does not fit {@code type}
     */
    @SuppressWarnings("unchecked")
    private <T> @Nullable T convert(@Nullable Object value, JavaType type) {
        if (value == null || type.getRawClass().isInstance(value) && takesAnyContent(type)) {
            return (T) value;
        }
        return (T) values.convert(value, type);
    }

    /** Whether {@code type} has no type parameters but {@code Object}: {@code Map.class}, not {@code Map<String, Order>}. */
    private static boolean takesAnyContent(JavaType type) {
        for (int i = 0; i < type.containedTypeCount(); i++) {
            if (type.containedType(i).getRawClass() != Object.class) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code type} as Jackson's type. Built with the default type factory, which knows no mapper, so
     * {@link #convert} stays the only place that does.
     */
    private static JavaType javaType(Class<?> type) {
        return TypeFactory.defaultInstance().constructType(Objects.requireNonNull(type, "type"));
    }

    private static JavaType javaType(TypeRef<?> type) {
        return TypeFactory.defaultInstance().constructType(Objects.requireNonNull(type, "type").type());
    }

    /** {@code got}'s value mapped to {@code type}, or a failure naming the type and the group that sent it. */
    private <T> @Nullable T mapped(Got got, JavaType type) {
        try {
            return convert(got.value(), type);
        } catch (IllegalArgumentException e) {
            String what = got.value() == null ? "null" : got.value().getClass().getSimpleName();
            throw new MappingException("cannot map the reply of consumer group " + got.group() + " on " + key
                    + " (a " + what + ") to " + type.toCanonical() + ": " + LogText.of(e.getMessage()), e);
        }
    }

    private <T> @Nullable T readBlocking(JavaType type, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return mapped(await(read(timeout, true)), type);
    }

    private <T> CompletableFuture<@Nullable T> readAsync(JavaType type, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Got> read = read(timeout, false);
        CompletableFuture<@Nullable T> result = new CompletableFuture<>();
        result.whenComplete((value, error) -> read.cancel(false)); // the caller gave up: release the pop
        read.whenComplete((got, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            T value;
            try {
                value = mapped(got, type);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (!result.complete(value)) {
                giveBack(got); // the caller gave up meanwhile: keep the reply for the next read
            }
        });
        return result;
    }

    private <T> Iterable<@Nullable T> iterable(JavaType type, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return () -> new Replies<>(type, timeout);
    }

    private <T> Stream<@Nullable T> javaStream(JavaType type, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Spliterator<@Nullable T> replies = Spliterators.spliteratorUnknownSize(new Replies<T>(type, timeout),
                Spliterator.ORDERED);
        return StreamSupport.stream(replies, false);
    }

    private void giveBack(Got got) {
        groups.untake(got.group());
        if (stream != null) {
            stream.unpop(key, got.text());
        }
    }

    /**
     * @param blocking whether the caller waits for the result in {@link #await}: then no callback of
     *     the caller's runs on completion, so it is completed on the transport's own thread, one hop shorter
     */
    private CompletableFuture<Got> read(Duration timeout, boolean blocking) {
        CompletableFuture<Got> result = new CompletableFuture<>();
        StreamEndedException ended = groups.ended(rule);
        if (stream == null) {
            result.completeExceptionally(new FeedbackUnavailableException(FeedbackWriter.NO_FEEDBACK_STREAM));
        } else if (ended != null) {
            result.completeExceptionally(ended);
        } else {
            new Read(stream, timeout, result, blocking ? Runnable::run : completions).start();
        }
        return result;
    }

    /** A reply handed to a reader: its value, the group that sent it, and its entry as it came. */
    private record Got(@Nullable Object value, String group, String text) {
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
        private final Duration timeout;
        private final CompletableFuture<Got> result;
        private final Map<String, Integer> skippedGroups = new TreeMap<>();
        private int malformed;
        private @Nullable String firstMalformed;
        private final Executor handling;
        private volatile @Nullable CompletableFuture<Optional<String>> pop;

        Read(FeedbackStream from, Duration timeout, CompletableFuture<Got> result, Executor handling) {
            this.handling = handling;
            this.from = from;
            this.timeout = timeout;
            this.result = result;
        }

        void start() {
            watch.readWaiting();
            result.whenComplete((value, error) -> {
                watch.readDone();
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
                // only a failure needs a completion thread: a send that succeeded wakes no thread for this read
                sent.whenComplete((ok, error) -> {
                    if (error != null) {
                        completions.execute(() -> notSent(error));
                    }
                });
            }
            next();
        }

        private void notSent(Throwable error) {
            Throwable cause = unwrap(error);
            String reason = cause instanceof StreambackException ? cause.getMessage() : cause.toString(); // ours say what to check
            result.completeExceptionally(new NotSentException(
                    "the message was not sent, so no feedback will come: " + reason, cause));
        }

        private void next() {
            if (result.isDone()) {
                return;
            }
            long madeAt = firstPop.get() == 0 ? 0 : firstPop.getAndSet(0);
            CompletableFuture<Optional<String>> current = madeAt == 0 ? from.pop(key, timeout)
                    : from.popNew(key, timeout, madeAt);
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
                result.completeExceptionally(new FeedbackUnavailableException("reading feedback " + key + " failed: "
                        + unwrap(error).getMessage(), unwrap(error)));
            } else if (entry == null || entry.isEmpty()) {
                logMalformed();
                nothingCame();
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
            String group = LaneGroups.label(entry.sourceGroup());
            boolean end = Events.RESPONSE_END.equals(entry.event());
            boolean error = Events.RESPONSE_END_WITH_ERROR.equals(entry.event());
            if (!entry.isResponse() && !end && !error) {
                next(); // response_start, or an event of a later version
                return;
            }
            logMalformed();
            if (entry.isResponse()) {
                if (!groups.takes(rule, group)) {
                    skip(group);
                } else if (!result.complete(new Got(entry.value(), group, text))) {
                    groups.untake(group);
                    from.unpop(key, text);
                } else {
                    watch.reply(group, entry.extras());
                }
                return;
            }
            String remote = error ? (entry.error() == null ? "(no error text)" : entry.error()) : null;
            switch (groups.ends(rule, group, remote)) {
                case ENDS_READ -> {
                    Throwable ended = remote != null ? new FeedbackException(remote, entry.sourceGroup())
                            : Objects.requireNonNull(groups.ended(rule));
                    if (!result.completeExceptionally(ended)) {
                        groups.unend(group);
                        from.unpop(key, text);
                    } else {
                        watch.ended(group, remote, entry.extras());
                    }
                }
                case WAIT_FOR_ANOTHER -> next();
                case OTHER_GROUP -> skip(group);
            }
        }

        private void skip(String group) {
            skippedGroups.merge(group, 1, Integer::sum);
            next();
        }

        /** The idle timeout ran out. */
        private void nothingCame() {
            StreamEndedException exhausted = groups.exhaust(rule, timeout);
            if (exhausted != null) {
                if (!result.completeExceptionally(exhausted)) {
                    groups.unexhaust();
                }
                return;
            }
            if (result.completeExceptionally(new FeedbackTimeoutException(key, timeout, whyNothing()))) {
                watch.timedOut(timeout);
            }
        }

        private String whyNothing() {
            String waitedFor = rule.group() != null ? rule.group() : groups.followed(rule);
            String others = skippedGroups.isEmpty() ? "" : "; skipped entries of other consumer groups " + skippedGroups;
            if (waitedFor != null && rule.group() != null && !skippedGroups.isEmpty()) {
                return "only entries of other consumer groups came " + skippedGroups + ", none of group "
                        + waitedFor + "; is " + waitedFor + " the group that answers this topic?";
            }
            if (waitedFor != null && groups.replied(waitedFor)) {
                return "consumer group " + waitedFor + " replied before and has not sent its end marker; is its"
                        + " listener still running?" + others;
            }
            if (waitedFor != null) {
                return "nothing came from consumer group " + waitedFor + "; is it listening on the topic, and is it"
                        + " running?" + others;
            }
            if (malformed > 0) {
                return "only entries that are not feedback came";
            }
            return "is a consumer listening on the topic, and is it running?" + others;
        }

        /** Entries that were not feedback are logged once per read, with their count. */
        private void logMalformed() {
            if (malformed > 0) {
                LOG.warn("event=feedback_entries_skipped feedback_topic={} count={} first_reason=\"{}\"", key,
                        malformed, LogText.of(firstMalformed));
                malformed = 0;
            }
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

    private static Got await(CompletableFuture<Got> future) {
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
        String ended = endedBy();
        return "FeedbackLane{" + key + rule.describe() + (ended != null ? ", ended by " + ended : "") + "}";
    }

    /** Replies read one at a time as the loop or the stream pipeline asks; the end marker ends them. */
    private final class Replies<T> implements Iterator<@Nullable T> {
        private final JavaType type;
        private final Duration timeout;
        private boolean fetched;
        private boolean over;
        private @Nullable T next;

        Replies(JavaType type, Duration timeout) {
            this.type = type;
            this.timeout = timeout;
        }

        @Override
        public boolean hasNext() {
            if (!fetched && !over) {
                try {
                    next = readBlocking(type, timeout);
                    fetched = true;
                } catch (StreamEndedException e) {
                    over = true;
                }
            }
            return !over;
        }

        @Override
        public @Nullable T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the feedback stream " + key + " has ended");
            }
            fetched = false;
            T value = next;
            next = null;
            return value;
        }
    }
}
