package io.streamback.testkit;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of several brokers (KRaft, each node both broker and controller) on
 * {@code 127.0.0.1}, one child JVM per broker, so {@link #killBroker(int)} is a real
 * {@code SIGKILL}: no controlled shutdown, no flushed logs, no goodbye to the controller.
 *
 * <p>Topics get replication factor 3 (fewer if there are fewer brokers) and
 * {@code min.insync.replicas} 2 (one less than the replication factor, at least 1); so does the
 * consumer offsets topic. Any one broker may be down and producers with {@code acks=all} still
 * succeed. A dead broker is fenced after {@value KafkaBrokerConfig#BROKER_SESSION_TIMEOUT_MS} ms, and
 * the partitions of a dead consumer ({@code group.protocol=consumer}) move to the rest of its
 * group after {@value KafkaBrokerConfig#CONSUMER_SESSION_TIMEOUT_MS} ms.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start()) {
 *     String bootstrap = cluster.bootstrapServers(); // "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3"
 *     int coordinator = cluster.coordinatorOf("my-group");
 *     cluster.killBroker(coordinator);
 *     cluster.restartBroker(coordinator);
 * }
 * }</pre>
 *
 * <p>The brokers run on this JVM's class path ({@code java.class.path}) and halt when this JVM
 * is gone. Each keeps its log in {@code broker.log} of its data directory; all data is deleted on
 * {@link #close()}, which kills the brokers.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    /** The number of brokers of {@link #start()}. */
    public static final int DEFAULT_BROKERS = 3;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int ADMIN_TIMEOUT_MS = 5_000;
    private static final int MAX_ATTEMPTS_ON_FREE_PORT = 3;
    private static final int LOG_LINES_QUOTED = 30;
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djava.awt.headless=true");

    private final Path dir;
    private final List<Broker> brokers = new ArrayList<>();
    private final Admin admin;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafkaCluster(int count) {
        this.dir = TempDirs.create("streamback-kafka-cluster-");
        int replicationFactor = Math.min(count, 3);
        int minInSyncReplicas = Math.max(1, replicationFactor - 1);
        Map<Integer, Integer> voters = new LinkedHashMap<>();
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (int id = 1; id <= count; id++) {
            ports.put(id, Ports.free());
            voters.put(id, Ports.free());
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            for (int id = 1; id <= count; id++) {
                Path brokerDir = TempDirs.createChild(dir, "broker-" + id);
                Path dataDir = TempDirs.createChild(brokerDir, "data");
                KafkaBrokerConfig.format(id, clusterId, dataDir);
                Path config = brokerDir.resolve("server.properties");
                KafkaBrokerConfig.write(KafkaBrokerConfig.of(id, ports.get(id), voters.get(id), voters,
                        replicationFactor, minInSyncReplicas, dataDir), config);
                brokers.add(new Broker(id, ports.get(id), config, brokerDir.resolve("broker.log")));
            }
        } catch (RuntimeException e) {
            TempDirs.deleteQuietly(dir);
            throw e;
        }
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "streamback-kafka-cluster-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2 * ADMIN_TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        this.shutdownHook = ShutdownHooks.register("streamback-kafka-cluster-shutdown", this::close);
    }

    /**
     * Starts a cluster of {@value #DEFAULT_BROKERS} brokers on free ports and returns once every
     * broker serves.
     *
     * @throws IllegalStateException if a broker does not start or the cluster does not form
     */
    public static EmbeddedKafkaCluster start() {
        return start(DEFAULT_BROKERS);
    }

    /**
     * Starts a cluster of {@code brokers} brokers on free ports and returns once every broker
     * serves.
     *
     * @throws IllegalArgumentException if {@code brokers} is less than 1
     * @throws IllegalStateException if a broker does not start or the cluster does not form
     */
    public static EmbeddedKafkaCluster start(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 broker, got " + brokers);
        }
        for (int attempt = 1; ; attempt++) {
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(brokers);
            try {
                cluster.startBrokers();
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                if (attempt == MAX_ATTEMPTS_ON_FREE_PORT || !(e.getCause() instanceof BindException)) {
                    throw e;
                }
                LOG.debug("A free port was taken before Kafka could bind it, retrying", e);
            }
        }
    }

    /** Returns every broker's address, e.g. {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String bootstrapServers() {
        return brokers.stream().map(Broker::address).collect(Collectors.joining(","));
    }

    /** Returns the node ids of all brokers, running or not: {@code 1} to {@code N}. */
    public List<Integer> brokerIds() {
        return brokers.stream().map(broker -> broker.id).toList();
    }

    /**
     * Returns the address of broker {@code brokerId}, e.g. {@code 127.0.0.1:34567}.
     *
     * @throws IllegalArgumentException if there is no such broker
     */
    public String address(int brokerId) {
        return broker(brokerId).address();
    }

    /**
     * Returns whether the child JVM of broker {@code brokerId} is alive.
     *
     * @throws IllegalArgumentException if there is no such broker
     */
    public synchronized boolean isRunning(int brokerId) {
        return broker(brokerId).isAlive();
    }

    /**
     * Kills broker {@code brokerId} with {@code SIGKILL} and waits until its JVM has exited. The
     * controller fences it and moves its leaderships once its session times out.
     *
     * @throws IllegalArgumentException if there is no such broker
     * @throws IllegalStateException if it is not running or does not exit
     */
    public synchronized void killBroker(int brokerId) {
        Broker broker = broker(brokerId);
        if (!broker.isAlive()) {
            throw new IllegalStateException("Kafka broker " + brokerId + " on " + broker.address() + " is not running");
        }
        broker.kill();
        LOG.info("Killed Kafka broker {} on {}", brokerId, broker.address());
    }

    /**
     * Starts a killed broker again with its data and port, and returns once the cluster lists it
     * as a live broker. It rejoins the in-sync replicas of its partitions once it has caught up.
     *
     * @throws IllegalArgumentException if there is no such broker
     * @throws IllegalStateException if it is running or does not come back
     */
    public synchronized void restartBroker(int brokerId) {
        Broker broker = broker(brokerId);
        if (broker.isAlive()) {
            throw new IllegalStateException("Kafka broker " + brokerId + " on " + broker.address() + " is running");
        }
        long startedAt = System.nanoTime();
        broker.launch();
        awaitLive(List.of(broker));
        LOG.info("Restarted Kafka broker {} on {} in {} ms", brokerId, broker.address(), millisSince(startedAt));
    }

    /**
     * Returns the node id of the broker that coordinates consumer group {@code group} (the leader
     * of the group's offsets topic partition), as {@code describeConsumerGroups} reports it.
     *
     * @throws IllegalStateException if the cluster does not answer
     */
    public int coordinatorOf(String group) {
        Objects.requireNonNull(group, "group");
        return get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group), "the coordinator of "
                + group).coordinator().id();
    }

    /**
     * Returns the node id of the leader of partition {@code partition} of {@code topic}, or -1 if it
     * has none.
     *
     * @throws IllegalArgumentException if the topic has no such partition
     * @throws IllegalStateException if the cluster does not answer
     */
    public int leaderOf(String topic, int partition) {
        Objects.requireNonNull(topic, "topic");
        TopicDescription description = get(admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
                "the partitions of " + topic);
        for (TopicPartitionInfo info : description.partitions()) {
            if (info.partition() == partition) {
                Node leader = info.leader();
                return leader == null || leader.isEmpty() ? -1 : leader.id();
            }
        }
        throw new IllegalArgumentException("topic " + topic + " has no partition " + partition);
    }

    /** Kills all brokers and deletes their data. Does nothing if already closed. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ShutdownHooks.unregister(shutdownHook);
        admin.close(Duration.ZERO);
        for (Broker broker : brokers) {
            if (broker.isAlive()) {
                broker.kill();
            }
        }
        TempDirs.deleteQuietly(dir);
        LOG.info("Stopped Kafka cluster on {}", bootstrapServers());
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + (closed ? ", closed]" : "]");
    }

    private synchronized void startBrokers() {
        long startedAt = System.nanoTime();
        for (Broker broker : brokers) {
            broker.launch();
        }
        awaitLive(brokers);
        LOG.info("Started Kafka cluster of {} brokers on {} in {} ms (data in {})", brokers.size(),
                bootstrapServers(), millisSince(startedAt), dir);
    }

    private void awaitLive(List<Broker> expected) {
        Set<Integer> ids = expected.stream().map(broker -> broker.id).collect(Collectors.toSet());
        Poll.until("Kafka brokers " + ids + " of " + bootstrapServers() + " to serve", READY_TIMEOUT, () -> {
            for (Broker broker : expected) {
                broker.requireAlive();
            }
            Set<Integer> live;
            try {
                live = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ADMIN_TIMEOUT_MS)).nodes()
                        .get().stream().map(Node::id).collect(Collectors.toSet());
            } catch (ExecutionException e) {
                return "describeCluster failed: " + e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + this, e);
            }
            return live.containsAll(ids) ? null : "live brokers are " + live;
        }, () -> expected.stream().map(Broker::describeLog).collect(Collectors.joining()));
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(2L * ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not get " + what + ": " + (e.getCause() == null ? e : e.getCause()),
                    e);
        }
    }

    private Broker broker(int brokerId) {
        for (Broker broker : brokers) {
            if (broker.id == brokerId) {
                return broker;
            }
        }
        throw new IllegalArgumentException("no broker " + brokerId + " in " + this + " (ids " + brokerIds() + ")");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One broker: its id, port, config and log survive restarts, its JVM does not. */
    private static final class Broker {
        final int id;
        final int port;
        final Path config;
        final Path log;
        volatile @Nullable Process process;

        Broker(int id, int port, Path config, Path log) {
            this.id = id;
            this.port = port;
            this.config = config;
            this.log = log;
        }

        String address() {
            return Ports.HOST + ":" + port;
        }

        boolean isAlive() {
            Process current = process;
            return current != null && current.isAlive();
        }

        void launch() {
            if (!Ports.isFree(port)) {
                throw new IllegalStateException("could not start Kafka broker " + id + " on " + address()
                        + ": port in use", new BindException("Address already in use"));
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                    config.toString()));
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start the JVM of Kafka broker " + id + ": " + e, e);
            }
            LOG.debug("Launched Kafka broker {} on {} (pid {})", id, address(), Objects.requireNonNull(process).pid());
        }

        void kill() {
            Process current = Objects.requireNonNull(process);
            current.destroyForcibly();
            try {
                if (!current.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Kafka broker " + id + " (pid " + current.pid()
                            + ") did not exit within " + EXIT_TIMEOUT.toMillis() + " ms of SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing Kafka broker " + id, e);
            }
        }

        void requireAlive() {
            Process current = process;
            if (current != null && !current.isAlive()) {
                String text = lastLines();
                throw new IllegalStateException("Kafka broker " + id + " on " + address() + " exited (exit code "
                        + current.exitValue() + "). Log:\n" + text,
                        text.contains("Address already in use") ? new BindException("Address already in use") : null);
            }
        }

        String describeLog() {
            return "\n--- last lines of " + log + " ---\n" + lastLines();
        }

        private String lastLines() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_QUOTED), lines.size()));
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }
    }
}
