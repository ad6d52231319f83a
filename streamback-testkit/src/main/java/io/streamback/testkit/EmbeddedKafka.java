package io.streamback.testkit;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * listening on {@code 127.0.0.1} only.
 *
 * <p>Topics are created automatically on first use (one partition, or as many as
 * {@link #PARTITIONS_PROPERTY} says), unless the broker was started with
 * {@code auto.create.topics.enable=false}. The broker's own log lines are kept to warnings unless
 * {@link #LOGS_PROPERTY} or the logging configuration says otherwise. Both the classic and the
 * new consumer group protocol ({@code group.protocol=consumer}) are supported. Data lives in a
 * temporary directory that is deleted on {@link #close()}.
 *
 * <p>A running broker keeps the JVM alive (its threads are not daemons) until it is closed or
 * the JVM is shut down, e.g. by {@code System.exit} or Ctrl-C.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /**
     * The system property giving the number of partitions of topics the broker creates on first use
     * (Kafka's {@code num.partitions}): a whole number from 1 to 1,000; default 1. Read when a
     * broker starts, the {@linkplain #shared() shared} one included; a {@code num.partitions} in
     * {@link #start(int, Map)}'s properties wins.
     */
    public static final String PARTITIONS_PROPERTY = "streamback.testkit.kafka.partitions";

    /**
     * The system property giving the level of the broker's own log lines: {@code error},
     * {@code warn} (the default: the broker's routine stays out of a test's output, its problems do
     * not), {@code info}, {@code debug} or {@code trace}. It applies where the logging configuration
     * sets no level for the broker's loggers ({@code kafka}, {@code org.apache.kafka.server},
     * {@code .controller}, {@code .raft}, {@code .storage} and the broker's other packages), with
     * slf4j-simple or Logback; the library's loggers ({@code io.streamback}) and the Kafka clients'
     * are left alone. Read when a broker starts.
     */
    public static final String LOGS_PROPERTY = BrokerLogs.PROPERTY;

    private static final int MAX_PARTITIONS = 1_000;
    private static final int NODE_ID = 1;
    private static final int MAX_ATTEMPTS_ON_FREE_PORT = 3;

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable EmbeddedKafka shared;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.shutdownHook = ShutdownHooks.register("streamback-kafka-" + port + "-shutdown", this::close);
    }

    /**
     * Returns the broker shared by everything in this JVM, starting it on a free port on first
     * use. It is stopped when the JVM exits.
     *
     * @throws IllegalStateException if the broker cannot be started
     */
    public static EmbeddedKafka shared() {
        synchronized (SHARED_LOCK) {
            EmbeddedKafka current = shared;
            if (current == null || current.closed.get()) {
                current = start(0);
                shared = current;
            }
            return current;
        }
    }

    /**
     * Starts a new broker that the caller owns and must {@link #close()} (it is also stopped
     * when the JVM exits).
     *
     * @param port the client port, or {@code 0} for a free port
     * @throws IllegalArgumentException if {@code port} is not between 0 and 65535
     * @throws IllegalStateException if the broker cannot be started, e.g. the port is in use
     */
    public static EmbeddedKafka start(int port) {
        return start(port, Map.of());
    }

    /**
     * Starts a new broker as {@link #start(int)} does, with broker properties that win over the
     * defaults, e.g. {@code Map.of("auto.create.topics.enable", "false")} for a broker that, like
     * many production ones, creates no topic on first use.
     *
     * @param port the client port, or {@code 0} for a free port
     * @param brokerProperties Kafka broker properties; leave the listeners and {@code log.dirs} alone,
     *     the test kit sets them
     * @throws IllegalArgumentException if {@code port} is not between 0 and 65535
     * @throws IllegalStateException if the broker cannot be started, e.g. the port is in use
     */
    public static EmbeddedKafka start(int port, Map<String, String> brokerProperties) {
        Ports.checkRange(port);
        Map<String, String> overrides = Map.copyOf(brokerProperties);
        if (port != 0) {
            return launch(port, overrides);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(Ports.free(), overrides);
            } catch (IllegalStateException e) {
                if (attempt == MAX_ATTEMPTS_ON_FREE_PORT || !isBindFailure(e)) {
                    throw e;
                }
                LOG.debug("A free port was taken before Kafka could bind it, retrying", e);
            }
        }
    }

    /** Returns the address clients connect to, e.g. {@code 127.0.0.1:34567}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    /** Stops the broker and deletes its data. Does nothing if already closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ShutdownHooks.unregister(shutdownHook);
        long startedAt = System.nanoTime();
        stop(server);
        deleteQuietly(dataDir);
        LOG.info("Stopped Kafka on {} in {} ms", bootstrapServers(), elapsedMillis(startedAt));
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + (closed.get() ? ", closed]" : "]");
    }

    private static EmbeddedKafka launch(int port, Map<String, String> overrides) {
        String where = "could not start Kafka on " + Ports.HOST + ":" + port;
        if (!Ports.isFree(port)) {
            throw new IllegalStateException(where + ": port in use",
                    new BindException("Address already in use"));
        }
        int partitions = partitionsSetting();
        BrokerLogs.apply();
        long startedAt = System.nanoTime();
        int controllerPort = Ports.free();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("streamback-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot create a temporary directory", e);
        }
        KafkaRaftServer server = null;
        try {
            Map<String, Object> props = brokerConfig(port, controllerPort, dataDir);
            props.put("num.partitions", Integer.toString(partitions));
            props.putAll(overrides);
            KafkaConfig config = new KafkaConfig(props, false);
            KafkaBrokerConfig.format(NODE_ID, Uuid.randomUuid().toString(), dataDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            if (server != null) {
                stop(server);
            }
            deleteQuietly(dataDir);
            throw new IllegalStateException(where + ": " + e, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, dataDir, port);
        LOG.info("Started Kafka on {} in {} ms (data in {})",
                kafka.bootstrapServers(), elapsedMillis(startedAt), dataDir);
        return kafka;
    }

    /**
     * The partitions {@link #PARTITIONS_PROPERTY} asks for, 1 when it is not set.
     *
     * @throws IllegalStateException naming the property when its value is not a whole number from 1 to 1,000
     */
    static int partitionsSetting() {
        String value = System.getProperty(PARTITIONS_PROPERTY);
        if (value == null) {
            return 1;
        }
        try {
            int partitions = Integer.parseInt(value.trim());
            if (partitions >= 1 && partitions <= MAX_PARTITIONS) {
                return partitions;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wrong
        }
        throw new IllegalStateException("system property " + PARTITIONS_PROPERTY + " must be a whole number from 1"
                + " to " + MAX_PARTITIONS + " (the partitions of topics created on first use), got '" + value + "'");
    }

    private static Map<String, Object> brokerConfig(int port, int controllerPort, Path dataDir) {
        Map<String, Object> props = new HashMap<>();
        KafkaBrokerConfig.putNode(props, NODE_ID, port, controllerPort, Map.of(NODE_ID, controllerPort), dataDir);

        // single node: every internal topic has one replica
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");

        // fast tests: small internal topics, no rebalance delay, quick heartbeats
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.consumer.min.heartbeat.interval.ms", "500");
        props.put("group.consumer.heartbeat.interval.ms", "500");
        props.put("broker.heartbeat.interval.ms", "500");

        // small footprint (2-core CI machines)
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return props;
    }


    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping Kafka", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete Kafka data directory {}", dir, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMillis(long startedAtNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
    }
}
