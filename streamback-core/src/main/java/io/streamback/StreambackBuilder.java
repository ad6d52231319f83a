package io.streamback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.ext.StreambackObserver;
import io.streamback.internal.StreamsParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Streamback}; every setting but the streams string has a default. Not thread-safe. */
public final class StreambackBuilder {
    /** Default idle timeout of feedback reads: 60 seconds, as in Python streamback. */
    public static final Duration DEFAULT_FEEDBACK_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Whether {@code send} gives a request a deadline of its own when its {@link SendOptions} set
     * none: yes, send time + {@link #feedbackTimeout(Duration) feedbackTimeout}.
     */
    public static final boolean DEFAULT_DEADLINES = true;
    /** Default time an unread feedback list lives in Redis: 300 seconds, as in Python streamback. */
    public static final Duration DEFAULT_FEEDBACK_TTL = Duration.ofSeconds(300);
    /** Default time a reply or end marker is retried while Redis does not take it: 30 seconds. */
    public static final Duration DEFAULT_FEEDBACK_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of replies and end markers on their way to Redis before senders wait: 4,096. */
    public static final int DEFAULT_MAX_PENDING_FEEDBACK_WRITES = 4_096;
    /**
     * Default longest time {@code send} holds its caller: 5 seconds, instead of kafka-clients' 60. It
     * covers a first metadata fetch, a topic's auto-creation and a new connection's handshake with
     * room to spare, and fails a send to a broker that is not there before its caller gives up.
     */
    public static final Duration DEFAULT_SEND_BLOCK_TIMEOUT = Duration.ofSeconds(5);
    /** Default time {@link Streamback#close()} gives listeners to finish: 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of pool workers, shared by listeners without a concurrency setting: 1. */
    public static final int DEFAULT_POOL_CONCURRENCY = 1;
    /** Default interval at which the autoscaler reads lag and resizes worker groups: 1 second. */
    public static final Duration DEFAULT_RESCALE_INTERVAL = Duration.ofSeconds(1);
    /** Default time a worker lives before the autoscaler may retire it: 10 seconds. */
    public static final Duration DEFAULT_MIN_WORKER_LIFETIME = Duration.ofSeconds(10);
    /** Default window in which a schedule tick missed while the app was down is still sent: 60 seconds. */
    public static final Duration DEFAULT_SCHEDULE_LOOK_BACK = Duration.ofSeconds(60);
    /** Default folder of the schedule state file used when there is no feedback stream: {@code .streamback}. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".streamback");

    // one field per StreambackConfig component, of the same name: build() and from() copy by name
    final String name;
    private final Function<StreambackConfig, Streamback> factory;
    @Nullable String streams;
    Map<String, String> kafkaProperties = new LinkedHashMap<>();
    @Nullable String topicsPrefix;
    @Nullable String group;
    Duration sendBlockTimeout = DEFAULT_SEND_BLOCK_TIMEOUT;
    Duration feedbackTimeout = DEFAULT_FEEDBACK_TIMEOUT;
    boolean defaultDeadlines = DEFAULT_DEADLINES;
    Duration feedbackTtl = DEFAULT_FEEDBACK_TTL;
    Duration feedbackWriteTimeout = DEFAULT_FEEDBACK_WRITE_TIMEOUT;
    int maxPendingFeedbackWrites = DEFAULT_MAX_PENDING_FEEDBACK_WRITES;
    @Nullable Integer feedbackReplicas;
    Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    @Nullable Duration processingTimeout;
    int poolConcurrency = DEFAULT_POOL_CONCURRENCY;
    Duration rescaleInterval = DEFAULT_RESCALE_INTERVAL;
    Duration minWorkerLifetime = DEFAULT_MIN_WORKER_LIFETIME;
    Set<String> onlyTopics = new LinkedHashSet<>();
    WorkerMode workerMode = WorkerMode.THREADS;
    Duration scheduleLookBack = DEFAULT_SCHEDULE_LOOK_BACK;
    Path stateDir = DEFAULT_STATE_DIR;
    @Nullable ObjectMapper objectMapper;
    List<StreambackObserver> observers = new ArrayList<>();

    StreambackBuilder(String name, Function<StreambackConfig, Streamback> factory) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the application name must not be blank");
        }
        this.name = name;
        this.factory = factory;
    }

    /** The streams string, e.g. {@code main=kafka://kafka:9092&feedback=redis://redis:6379}. Required. */
    public StreambackBuilder streams(String streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
        return this;
    }

    /** An extra kafka-clients property for producers and consumers, e.g. {@code ("acks", "all")}; it wins over defaults. */
    public StreambackBuilder kafkaProperty(String key, String value) {
        kafkaProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Prefix for every topic ({@code T} becomes {@code prefix.T}); wins over {@code topics_prefix=}. Default none. */
    public StreambackBuilder topicsPrefix(String prefix) {
        this.topicsPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /** The consumer group of the listeners; wins over {@code group=}. Default: the application's name. */
    public StreambackBuilder group(String group) {
        this.group = Objects.requireNonNull(group, "group");
        return this;
    }

    /**
     * The longest time {@code send} and {@code sendOneWay} hold their caller (kafka-clients'
     * {@code max.block.ms}): waiting for the topic's metadata, on the first send to a topic or while
     * no broker answers, and for room in the producer's buffer ({@code buffer.memory}) when records
     * are sent faster than the brokers take them. When it runs out the send fails, saying whether no
     * broker answered or the topic does not exist. A {@code kafkaProperty("max.block.ms", ...)} wins
     * over it. A bootstrap server that drops connection attempts silently is given up on only after
     * {@code socket.connection.setup.timeout.ms} (10 s), so lists that may hold one need a longer
     * bound or a shorter setup timeout. Default {@link #DEFAULT_SEND_BLOCK_TIMEOUT}.
     */
    public StreambackBuilder sendBlockTimeout(Duration timeout) {
        this.sendBlockTimeout = positive(timeout, "sendBlockTimeout");
        return this;
    }

    /** Idle timeout of feedback reads without their own timeout. Default {@link #DEFAULT_FEEDBACK_TIMEOUT}. */
    public StreambackBuilder feedbackTimeout(Duration timeout) {
        this.feedbackTimeout = positive(timeout, "feedbackTimeout");
        return this;
    }

    /**
     * Whether a request sent with {@code send}, whose {@link SendOptions} set no deadline, gets
     * send time + {@link #feedbackTimeout(Duration) feedbackTimeout} as its deadline (true), or none
     * (false: consumers run it however late they get it, as Python does). Deadlines set in the
     * options apply either way. Default {@link #DEFAULT_DEADLINES}.
     */
    public StreambackBuilder defaultDeadlines(boolean enabled) {
        this.defaultDeadlines = enabled;
        return this;
    }

    /** How long unread replies stay in Redis after the last one. Default {@link #DEFAULT_FEEDBACK_TTL}. */
    public StreambackBuilder feedbackTtl(Duration ttl) {
        this.feedbackTtl = positive(ttl, "feedbackTtl");
        return this;
    }

    /**
     * How long a reply or end marker is retried while Redis does not take it. A record whose
     * feedback could not be written within it is not committed: it is delivered again. Default
     * {@link #DEFAULT_FEEDBACK_WRITE_TIMEOUT}.
     */
    public StreambackBuilder feedbackWriteTimeout(Duration timeout) {
        this.feedbackWriteTimeout = positive(timeout, "feedbackWriteTimeout");
        return this;
    }

    /**
     * How many replies and end markers may be on their way to Redis at once; beyond it
     * {@code respond} and the workers wait, so a slow or absent Redis slows consumers down instead
     * of filling the heap. Default {@link #DEFAULT_MAX_PENDING_FEEDBACK_WRITES}.
     */
    public StreambackBuilder maxPendingFeedbackWrites(int writes) {
        if (writes < 1) {
            throw new IllegalArgumentException("maxPendingFeedbackWrites must be at least 1, got " + writes);
        }
        this.maxPendingFeedbackWrites = writes;
        return this;
    }

    /**
     * How many Redis replicas must have a reply or end marker before it counts as written
     * ({@code WAIT}, once per batch of writes), so that a failover loses no reply. Default: 1 with
     * {@code redis-sentinel://}, 0 otherwise; not used on a cluster.
     */
    public StreambackBuilder feedbackReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("feedbackReplicas must not be negative, got " + replicas);
        }
        this.feedbackReplicas = replicas;
        return this;
    }

    /** How long {@link Streamback#close()} waits for listeners. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
    public StreambackBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = positive(timeout, "shutdownTimeout");
        return this;
    }

    /**
     * How long one listener call may take, for every listener without a {@link ProcessingTimeout}
     * of its own; see {@link ProcessingTimeout} for what happens when it passes. Default: none, a
     * call may take as long as it takes.
     */
    public StreambackBuilder processingTimeout(Duration timeout) {
        this.processingTimeout = positive(timeout, "processingTimeout");
        return this;
    }

    /** Number of pool workers, shared by listeners without a concurrency setting. Default {@link #DEFAULT_POOL_CONCURRENCY}. */
    public StreambackBuilder poolConcurrency(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("poolConcurrency must be at least 1, got " + workers);
        }
        this.poolConcurrency = workers;
        return this;
    }

    /** How often the autoscaler reads lag and resizes worker groups. Default {@link #DEFAULT_RESCALE_INTERVAL}. */
    public StreambackBuilder rescaleInterval(Duration interval) {
        this.rescaleInterval = positive(interval, "rescaleInterval");
        return this;
    }

    /** How long a worker lives at least before the autoscaler may retire it. Default {@link #DEFAULT_MIN_WORKER_LIFETIME}. */
    public StreambackBuilder minWorkerLifetime(Duration lifetime) {
        this.minWorkerLifetime = positive(lifetime, "minWorkerLifetime");
        return this;
    }

    /**
     * Runs only the listeners of these topics (Python's {@code topics=}), so one codebase can deploy
     * as several services. Default: every listener.
     */
    public StreambackBuilder onlyTopics(String... topics) {
        for (String topic : topics) {
            onlyTopics.add(Objects.requireNonNull(topic, "topic"));
        }
        return this;
    }

    /**
     * Whether workers are threads ({@link WorkerMode#THREADS}, the default) or child JVMs
     * ({@link WorkerMode#PROCESSES}: each worker a JVM started with this JVM's {@code java}, options,
     * class path or jar, main class and arguments, so main runs again in every child and must be
     * re-runnable; the supervisor replaces dead children, forwards shutdown as SIGTERM and reads
     * each child's resident memory from {@code /proc}; see {@link WorkerMode#PROCESSES}).
     */
    public StreambackBuilder workers(WorkerMode mode) {
        this.workerMode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** How far back a schedule tick missed while the app was down is still sent at start. Default {@link #DEFAULT_SCHEDULE_LOOK_BACK}. */
    public StreambackBuilder scheduleLookBack(Duration window) {
        this.scheduleLookBack = Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("scheduleLookBack must not be negative, got " + window);
        }
        return this;
    }

    /** Folder for local state, such as the schedule state file used without a feedback stream. Default {@link #DEFAULT_STATE_DIR}. */
    public StreambackBuilder stateDir(Path dir) {
        this.stateDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * The mapper of the application's values: what {@code send}, {@code sendOneWay},
     * {@code schedule} and {@code respond} are given, and what {@link Message#map(Class)},
     * {@link Input} parameters and typed feedback reads return. Whatever it writes is sent as the
     * {@code value} of Python streamback's envelope; the envelope itself (its fields, their order)
     * is the library's and never goes through it, so any mapper keeps the wire compatible. Only its
     * mapping counts: the library writes the JSON text, so generator settings (pretty printing,
     * escaping) do not apply.
     *
     * <p>The mapper is used as given: not copied, configured or changed, so the application's own
     * modules, naming strategy and serializers apply as they do elsewhere in it. Configure it fully
     * before {@link #build()}, as Jackson requires of any mapper in use. Each instance uses only its
     * own mapper; another instance in the same JVM is not affected.
     *
     * <p>Default: a new mapper for this instance alone, with the {@code java.time} types
     * ({@code JavaTimeModule}) written as ISO-8601 strings such as {@code "2024-05-01T09:30:00Z"}
     * ({@code WRITE_DATES_AS_TIMESTAMPS} off; a {@code Duration} stays a number of seconds),
     * {@code Optional} and the other JDK 8 types ({@code Jdk8Module}: an empty {@code Optional} is
     * null), unknown properties ignored, empty beans written as {@code {}} and fields mapped
     * whatever their visibility. To start from it, build the same:
     * {@code JsonMapper.builder().addModule(new JavaTimeModule()).addModule(new Jdk8Module())
     * .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)...}.
     */
    public StreambackBuilder objectMapper(ObjectMapper mapper) {
        this.objectMapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /**
     * Adds {@code observer}, told of what the instance sends, reads and handles, e.g.
     * {@code StreambackMetrics} of the {@code streamback-micrometer} module or {@code StreambackTracing}
     * of {@code streamback-opentelemetry}; observers are called in
     * the order added. See {@link StreambackObserver} for when and on which threads. Default: none.
     */
    public StreambackBuilder observe(StreambackObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Builds the instance. Connections open on first use.
     *
     * @throws InvalidStreamsException when the streams string is missing or invalid
     */
    public Streamback build() {
        if (streams == null) {
            throw new InvalidStreamsException("none given: call streams(\"...\") on the builder");
        }
        return factory.apply(config()); // the instance parses the streams string, InvalidStreamsException included
    }

    /** The settings as they stand: each StreambackConfig component from the builder field of its name. */
    private StreambackConfig config() {
        RecordComponent[] components = StreambackConfig.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = field(components[i].getName(), this);
        }
        try {
            return StreambackConfig.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("StreambackConfig and StreambackBuilder disagree: " + e, e);
        }
    }

    /** A builder holding {@code config}'s settings: each builder field from the component of its name. */
    static StreambackBuilder from(StreambackConfig config) {
        StreambackBuilder builder = Streamback.builder(config.name());
        for (RecordComponent component : StreambackConfig.class.getRecordComponents()) {
            if (!component.getName().equals("name")) {
                Object value = read(component, config);
                if (value instanceof Map<?, ?> map) {
                    value = new LinkedHashMap<>(map);
                } else if (value instanceof List<?> list) {
                    value = new ArrayList<>(list);
                } else if (value instanceof Set<?> set) {
                    value = new LinkedHashSet<>(set);
                }
                try {
                    StreambackBuilder.class.getDeclaredField(component.getName()).set(builder, value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("StreambackBuilder has no field " + component.getName(), e);
                }
            }
        }
        return builder;
    }

    /** The value of {@code component} in {@code config}. */
    static @Nullable Object read(RecordComponent component, StreambackConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static @Nullable Object field(String name, StreambackBuilder builder) {
        try {
            return StreambackBuilder.class.getDeclaredField(name).get(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("StreambackBuilder has no field " + name
                    + ": every StreambackConfig component needs one of the same name", e);
        }
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }
}
