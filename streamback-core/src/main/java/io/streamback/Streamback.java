package io.streamback;

import io.streamback.internal.Engine;
import io.streamback.internal.JsonValues;
import io.streamback.internal.StreamsParser;
import io.streamback.internal.schedule.Schedules;
import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Streamback application: sends messages on the main stream, listens to topics, and answers or
 * reads feedback. Create one with {@link #create(String, String)} or {@link #builder(String)}.
 *
 * <pre>{@code
 * Streamback streamback = Streamback.create("my_app", "main=kafka://kafka:9092&feedback=redis://redis:6379");
 * Object reply = streamback.send("greet", Map.of("name", "Ada")).read(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Thread-safe. Sending needs no start; listeners are added before {@link #start()} (afterwards
 * {@code listen} and {@code register} throw {@link IllegalStateException}) and run after it.
 */
public final class Streamback implements AutoCloseable {
    private final StreambackConfig config;
    private final Engine engine;
    private final Router router = new Router();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final Schedules schedules = Schedules.create();

    private Streamback(StreambackConfig config) {
        this.config = config;
        this.engine = new Engine(config, StreamsParser.parse(config.streams()), config.mainStreamProperties(),
                config.objectMapper() == null ? JsonValues.withDefaultMapper() : JsonValues.of(config.objectMapper()));
    }

    /**
     * An application named {@code name} on the streams {@code streams} describes, with every other
     * setting at its default.
     *
     * @param name the application's name: its consumer group and the {@code source_group} of what it sends
     * @param streams e.g. {@code main=kafka://kafka:9092&feedback=redis://redis:6379}
     * @throws InvalidStreamsException naming the bad part of {@code streams}
     */
    public static Streamback create(String name, String streams) {
        return builder(name).streams(streams).build();
    }

    /** A builder for an application named {@code name}. */
    public static StreambackBuilder builder(String name) {
        return new StreambackBuilder(name, Streamback::new);
    }

    /** The application's name. */
    public String name() {
        return config.name();
    }

    /** The consumer group its listeners join: the {@code group=} setting, else the name. */
    public String group() {
        return engine.group();
    }

    /** The settings this instance was built with. */
    public StreambackConfig config() {
        return config;
    }

    /** Sends {@code value} on {@code topic} without a key. See {@link #send(String, Object, SendOptions)}. */
    public FeedbackLane send(String topic, @Nullable Object value) {
        return send(topic, value, SendOptions.defaults());
    }

    /** Sends {@code value} on {@code topic} with the record key {@code key} (or none for null). See {@link #send(String, Object, SendOptions)}. */
    public FeedbackLane send(String topic, @Nullable Object value, @Nullable String key) {
        return send(topic, value, SendOptions.defaults().key(key));
    }

    /**
     * Sends {@code value} (anything {@link StreambackBuilder#objectMapper the application's mapper}
     * can write; a {@link MappingException} says when it cannot) on {@code topic}, with the key,
     * headers and deadline of {@code options}. The returned lane reads the replies; ignore it for a
     * one-way send. A failed send fails reads on the lane, and {@link FeedbackLane#sent()} with the reason.
     *
     * <p>Unless {@code options} set another deadline or {@link SendOptions#noDeadline() none}, the
     * request expires {@link StreambackConfig#feedbackTimeout() feedbackTimeout} after this call
     * (see {@link SendOptions} for what that means, and
     * {@link StreambackBuilder#defaultDeadlines(boolean)} to turn it off): a JVM consumer that gets it
     * later answers with an error instead of running it.
     *
     * <p>It returns without waiting for the broker, except for two waits in the caller's thread, together
     * at most {@link StreambackBuilder#sendBlockTimeout(Duration) sendBlockTimeout} (default
     * {@link StreambackBuilder#DEFAULT_SEND_BLOCK_TIMEOUT}): for the topic's metadata, on the first
     * send to a topic or while no broker answers, and for room in the producer's buffer when records
     * are sent faster than the brokers take them. When a wait runs out the send fails with a
     * {@link StreambackException} that says whether no broker answered (naming the servers) or the
     * topic does not exist, and what to check. The memory main stream never waits.
     *
     * @throws StreambackClosedException after {@link #close()}
     */
    public FeedbackLane send(String topic, @Nullable Object value, SendOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        engine.ensureOpen();
        Instant deadline = options.deadlineOf(Instant.now(),
                config.defaultDeadlines() ? config.feedbackTimeout() : null);
        return engine.outbox().send(topic, value, options.key(), options.headers(), deadline);
    }

    /** Sends {@code value} on {@code topic} without a key, expecting no feedback. See {@link #sendOneWay(String, Object, SendOptions)}. */
    public CompletableFuture<Void> sendOneWay(String topic, @Nullable Object value) {
        return sendOneWay(topic, value, SendOptions.defaults());
    }

    /** Sends {@code value} on {@code topic} with the record key {@code key}, expecting no feedback. See {@link #sendOneWay(String, Object, SendOptions)}. */
    public CompletableFuture<Void> sendOneWay(String topic, @Nullable Object value, @Nullable String key) {
        return sendOneWay(topic, value, SendOptions.defaults().key(key));
    }

    /**
     * Sends {@code value} on {@code topic} and says that no feedback is expected: JVM consumers then
     * write neither replies nor an end marker, so the message costs Redis nothing. Python consumers,
     * which do not know the flag, answer as they always do. The future completes when the main
     * stream has the message, or fails with the reason. It may hold the caller as
     * {@link #send(String, Object, SendOptions)} does: at most
     * {@link StreambackBuilder#sendBlockTimeout(Duration) sendBlockTimeout}, for metadata or buffer room.
     *
     * <p>Nobody waits for a one-way message, so it has no deadline unless {@code options} set one;
     * a JVM consumer that begins it after that deadline skips it (and writes nothing).
     *
     * @throws StreambackClosedException after {@link #close()}
     */
    public CompletableFuture<Void> sendOneWay(String topic, @Nullable Object value, SendOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(options, "options");
        engine.ensureOpen();
        return engine.outbox().sendOneWay(topic, value, options.key(), options.headers(),
                options.deadlineOf(Instant.now(), null));
    }

    /**
     * A lane reading the replies on {@code feedbackTopic}, e.g. one started by another process.
     *
     * @throws IllegalArgumentException when {@code feedbackTopic} is not {@code streamback_feedback_<uuid>}
     */
    public FeedbackLane continueStream(String feedbackTopic) {
        Objects.requireNonNull(feedbackTopic, "feedbackTopic");
        if (!FeedbackKeys.isValid(feedbackTopic)) {
            throw new IllegalArgumentException("'" + feedbackTopic + "' is not a feedback topic: expected "
                    + FeedbackKeys.PREFIX + "<uuid>");
        }
        engine.ensureOpen();
        return engine.outbox().lane(feedbackTopic);
    }

    /** Waits until every message sent so far reached the main stream. */
    public void flush() {
        engine.outbox().flush();
    }

    /** Listens to {@code topic} with a lambda taking the context and the message. */
    public Streamback listen(String topic, Handler handler) {
        ensureNotStarted();
        router.listen(topic, handler);
        return this;
    }

    /** Listens to {@code topic} with a lambda taking only the message. */
    public Streamback listen(String topic, MessageHandler handler) {
        ensureNotStarted();
        router.listen(topic, handler);
        return this;
    }

    /** Listens to {@code topic} with a class-based listener; each worker calls {@code factory} for its own instance. */
    public Streamback listen(String topic, Supplier<? extends Listener> factory) {
        ensureNotStarted();
        router.listen(topic, factory);
        return this;
    }

    /** Like {@link #listen(String, Handler)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Streamback listen(String topic, ListenOption options, Handler handler) {
        ensureNotStarted();
        router.listen(topic, options, handler);
        return this;
    }

    /** Like {@link #listen(String, MessageHandler)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Streamback listen(String topic, ListenOption options, MessageHandler handler) {
        ensureNotStarted();
        router.listen(topic, options, handler);
        return this;
    }

    /** Like {@link #listen(String, Supplier)} with a {@link Concurrency} and/or {@link RetryStrategy}. */
    public Streamback listen(String topic, ListenOption options, Supplier<? extends Listener> factory) {
        ensureNotStarted();
        router.listen(topic, options, factory);
        return this;
    }

    /**
     * Adds every {@link Listen} method of {@code handlers}.
     *
     * @throws SetupException when a method has a parameter that cannot be injected, or none is annotated
     */
    public Streamback register(Object handlers) {
        ensureNotStarted();
        router.register(handlers);
        return this;
    }

    /** Adds every listener declared on {@code other}. */
    public Streamback includeRouter(Router other) {
        ensureNotStarted();
        router.include(other);
        return this;
    }

    /**
     * Sends {@code args} on topic {@code then} at every tick of the cron expression {@code when}, once
     * across all running instances of this application: each tick is claimed in the feedback stream
     * (Redis) first, or, without one, recorded in a state file in {@link StreambackConfig#stateDir()}
     * (right for a single instance). A tick missed while the application was down is sent at start
     * when it is at most {@link StreambackConfig#scheduleLookBack()} old; of several missed, the
     * latest. Ticks follow the JVM's default time zone. Add schedules before {@link #start()}.
     *
     * <pre>{@code
     * streamback.schedule("morning_report", "30 9 * * 1-5", "make_report", Map.of("format", "pdf"),
     *         "09:30 on weekdays");
     * }</pre>
     *
     * @param name unique within the application
     * @param when 5 fields ({@code minute hour day-of-month month day-of-week}) or 6 with leading
     *     seconds, standard cron meaning: day of week 0-7, where 0 and 7 are Sunday and 1 is Monday
     * @param then the topic each tick's message is sent on
     * @param args the message value, anything {@link StreambackBuilder#objectMapper the application's mapper}
     *     can write (at every tick), or null
     * @param description free text for operators, logged at start
     * @throws SetupException naming the expression and the forms expected when {@code when} is invalid
     * @throws IllegalArgumentException when a schedule named {@code name} exists
     * @throws IllegalStateException after {@link #start()} or {@link #startInBackground()}
     */
    public Streamback schedule(String name, String when, String then, @Nullable Object args, String description) {
        engine.ensureOpen();
        schedules.add(name, when, then, args, description);
        return this;
    }

    /** {@link #schedule(String, String, String, Object, String)} without a description. */
    public Streamback schedule(String name, String when, String then, @Nullable Object args) {
        return schedule(name, when, then, args, "");
    }

    /** Adds a callback; callbacks run in the order added. */
    public Streamback addCallback(Callback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /**
     * Starts the listeners and blocks until {@link #close()} is called or the JVM receives SIGTERM,
     * which closes this instance gracefully.
     */
    public void start() {
        startInBackground();
        engine.closeOnShutdown();
        try {
            engine.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    /**
     * Starts the listeners on their own threads and returns at once; {@link #close()} stops them.
     * Calling it again does nothing.
     *
     * @throws StreambackClosedException after {@link #close()}
     */
    public Streamback startInBackground() {
        engine.start(router.subscriptions(), new ApplicationHooks(this, callbacks), schedules);
        return this;
    }

    /**
     * The workers now: per group its workers, counters, handling times and lag; heap and memory.
     *
     * @throws IllegalStateException before {@link #start()} or {@link #startInBackground()}
     */
    public RuntimeSnapshot snapshot() {
        return engine.snapshot("snapshot()");
    }

    /**
     * The health of this instance, for readiness and liveness probes: {@link Health#liveness()} (not
     * closed, every worker group has its workers alive) and {@link Health#readiness()} (Kafka and,
     * with a feedback stream, Redis answered the last check), with each server's last answer and
     * each worker group's workers and lag. Works before {@link #start()} too (no worker groups then).
     *
     * <p>It never waits on a server in the caller's thread, bar once: the first call starts checks
     * of the servers on a thread of the instance's own, every 5 s, each server given 2 s to answer,
     * and waits for the first, at most 2.5 s; every later call returns the latest result at once.
     */
    public Health health() {
        return engine.health();
    }

    /**
     * Replaces worker {@code workerId} with a fresh one: the old one finishes its record, flushes its
     * listeners and commits; the new one has new listener instances and a new consumer.
     *
     * @return false when no running worker has that id
     * @throws IllegalStateException before {@link #start()} or {@link #startInBackground()}
     */
    public boolean recycleWorker(String workerId, String reason) {
        return engine.recycle(workerId, reason, "recycleWorker()");
    }

    /**
     * Stops the schedules and the listeners (every worker at once: each finishes the call in hand,
     * is flushed, commits; those not done within {@link StreambackConfig#shutdownTimeout()} are
     * left behind), flushes what was sent and closes the connections. Idempotent.
     */
    @Override
    public void close() {
        schedules.close();
        engine.close();
    }

    private void ensureNotStarted() {
        if (engine.started()) {
            throw new IllegalStateException("streamback '" + name()
                    + "' is already started: add listeners before start() or startInBackground()");
        }
    }

    @Override
    public String toString() {
        return "Streamback{name=" + name() + ", group=" + group() + ", streams="
                + config.streamsString() + "}";
    }
}
