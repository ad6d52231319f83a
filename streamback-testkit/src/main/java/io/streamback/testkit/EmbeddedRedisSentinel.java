package io.streamback.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Sentinel deployment of {@code redis-server} child processes on {@code 127.0.0.1}:
 * one master, one replica ({@code --replicaof}) and three sentinels (quorum 2,
 * {@code down-after-milliseconds 1000}, {@code failover-timeout 5000}), each in its own
 * temporary directory, without persistence.
 *
 * <p>{@link #start(String)} returns once every sentinel reports the master, knows the replica
 * and the two other sentinels, and the replica's link to the master is up. Tests own the
 * deployment and must {@link #close()} it (it is also stopped when the JVM exits):
 *
 * <pre>{@code
 * try (EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.start("mymaster")) {
 *     RedisURI uri = RedisURI.create("redis-sentinel://" + sentinel.sentinelNodes() + "#mymaster");
 *     sentinel.failover(); // or killMaster()
 * }
 * }</pre>
 *
 * <p>A password ({@link Builder#requirePass(String)}) protects the data nodes only (the
 * sentinels use it as {@code auth-pass}); the sentinels themselves accept unauthenticated
 * clients. {@link Builder#tls()} puts TLS fronts before the sentinels and the data nodes.
 */
public final class EmbeddedRedisSentinel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisSentinel.class);

    private static final int SENTINELS = 3;
    private static final int QUORUM = 2;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** An automatic failover may need a second election after {@code 2 * failover-timeout}. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

    private final String masterName;
    private final RedisAuth auth;
    private final boolean tls;
    private final Path dir;
    private final List<DataNode> dataNodes = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();
    /** With TLS, per sentinel port: where clients reach it. */
    private final Map<Integer, RedisTlsFront> sentinelFronts = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedRedisSentinel(Builder builder) {
        this.masterName = builder.masterName;
        this.auth = builder.auth;
        this.tls = builder.tls;
        this.dir = TempDirs.create("streamback-redis-sentinel-");
        this.shutdownHook = ShutdownHooks.register("streamback-redis-sentinel-shutdown", this::close);
    }

    /**
     * Starts a master, a replica and three sentinels monitoring them as {@code masterName}.
     *
     * @throws IllegalArgumentException if {@code masterName} is empty or contains spaces
     * @throws IllegalStateException if a process does not start or the sentinels do not agree in time
     */
    public static EmbeddedRedisSentinel start(String masterName) {
        return builder(masterName).start();
    }

    /** Returns a builder, for a password-protected or ACL-user deployment. */
    public static Builder builder(String masterName) {
        return new Builder(masterName);
    }

    /** Returns the name the sentinels monitor the master under. */
    public String masterName() {
        return masterName;
    }

    /** Returns the sentinels' ports. */
    public List<Integer> sentinelPorts() {
        synchronized (this) {
            return sentinels.stream().map(RedisProcess::port).toList();
        }
    }

    /**
     * Returns the sentinels, e.g. {@code 127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3}: with
     * {@linkplain Builder#tls() TLS}, their TLS fronts.
     */
    public String sentinelNodes() {
        synchronized (this) {
            return sentinels.stream().map(sentinel -> Ports.HOST + ":" + clientPort(sentinel.port()))
                    .collect(Collectors.joining(","));
        }
    }

    /** How many TLS connections the fronts took so far; 0 without {@linkplain Builder#tls() TLS}. */
    public int tlsConnections() {
        synchronized (this) {
            return Stream.concat(sentinelFronts.values().stream(),
                            dataNodes.stream().map(DataNode::front).filter(Objects::nonNull))
                    .mapToInt(RedisTlsFront::tlsConnections).sum();
        }
    }

    /** Returns the ports of the two data nodes (initial master first), running or not. */
    public List<Integer> dataPorts() {
        synchronized (this) {
            return dataNodes.stream().map(node -> node.port).toList();
        }
    }

    /**
     * Returns the port of the current master as reported by the first sentinel that answers
     * {@code SENTINEL get-master-addr-by-name}.
     *
     * @throws IllegalStateException if no sentinel answers
     */
    public int masterPort() {
        IOException last = null;
        for (int port : sentinelPorts()) {
            try {
                return reportedMaster(port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no sentinel of " + this + " reports master " + masterName, last);
    }

    /**
     * Forces a failover with {@code SENTINEL FAILOVER} and waits until all sentinels report the
     * replica as master and it answers {@code ROLE} as master; then makes the old master a
     * replica of the new one and disconnects the old master's clients right away (the sentinels
     * would do so only about 10 s later), and waits until its replication link is up.
     *
     * @throws IllegalStateException if there is no running replica or the failover does not complete
     */
    public void failover() {
        synchronized (this) {
            long startedAt = System.nanoTime();
            int oldMaster = masterPort();
            DataNode target = runningReplica(oldMaster);
            Poll.until("a sentinel of " + this + " to accept SENTINEL FAILOVER", READY_TIMEOUT, () -> {
                try {
                    RespClient.callOnce(sentinelPorts().get(0), null, "SENTINEL", "FAILOVER", masterName);
                    return null;
                } catch (RespClient.ErrorReply e) {
                    if (e.getMessage().startsWith("NOGOODSLAVE") || e.getMessage().startsWith("INPROG")) {
                        return "SENTINEL FAILOVER replied " + e.getMessage();
                    }
                    throw new IllegalStateException("SENTINEL FAILOVER " + masterName + " failed: " + e.getMessage(), e);
                }
            }, this::diagnostics);
            Poll.until("sentinels " + sentinelNodes() + " to promote " + Ports.HOST + ":" + target.port, FAILOVER_TIMEOUT,
                    () -> missingForMaster(target.port, false), this::diagnostics);
            demote(dataNode(oldMaster), target.port);
            awaitMaster(target.port, FAILOVER_TIMEOUT);
            LOG.info("Failed over {} from {}:{} to {}:{} in {} ms", masterName, Ports.HOST, oldMaster, Ports.HOST,
                    target.port, millisSince(startedAt));
        }
    }

    /**
     * Kills the current master with {@code SIGKILL} and waits until the sentinels have promoted
     * the replica (about {@code down-after-milliseconds} plus an election, longer if a first
     * election fails). The killed node stays down.
     *
     * @throws IllegalStateException if there is no running replica or no promotion in time
     */
    public void killMaster() {
        synchronized (this) {
            long startedAt = System.nanoTime();
            int oldMaster = masterPort();
            DataNode target = runningReplica(oldMaster);
            RedisProcess process = dataNode(oldMaster).process;
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("master " + Ports.HOST + ":" + oldMaster + " is not running");
            }
            process.kill();
            LOG.info("Killed master {} on {}:{}", masterName, Ports.HOST, oldMaster);
            awaitMaster(target.port, FAILOVER_TIMEOUT);
            LOG.info("Sentinels promoted {}:{} to master of {} in {} ms", Ports.HOST, target.port, masterName,
                    millisSince(startedAt));
        }
    }

    /** Stops the sentinels, then the data nodes, and deletes their directories. Does nothing if already closed. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ShutdownHooks.unregister(shutdownHook);
        for (RedisProcess sentinel : List.copyOf(sentinels)) {
            sentinel.stop();
        }
        for (DataNode node : List.copyOf(dataNodes)) {
            RedisProcess process = node.process;
            if (process != null) {
                process.stop();
            }
            if (node.front != null) {
                node.front.close();
            }
        }
        sentinelFronts.values().forEach(RedisTlsFront::close);
        TempDirs.deleteQuietly(dir);
        LOG.info("Stopped Redis Sentinel {} on {}", masterName, sentinelNodes());
    }

    @Override
    public String toString() {
        return "EmbeddedRedisSentinel[" + masterName + ", sentinels " + sentinelNodes() + ", data nodes "
                + dataPorts() + (closed ? ", closed]" : "]");
    }

    private void startAll() {
        long startedAt = System.nanoTime();
        DataNode master = launchDataNode(null);
        DataNode replica = launchDataNode(master.port);
        Poll.until("replica " + Ports.HOST + ":" + replica.port + " to sync with its master", READY_TIMEOUT,
                () -> missingReplication(replica, master.port), this::diagnostics);
        for (int i = 0; i < SENTINELS; i++) {
            RedisProcess sentinel = RedisProcess.onFreePort(Ports::free, this::launchSentinel);
            synchronized (this) {
                sentinels.add(sentinel);
                if (tls) {
                    sentinelFronts.put(sentinel.port(), RedisTls.selfSigned().front(sentinel.port()));
                }
            }
        }
        awaitMaster(master.port, READY_TIMEOUT);
        LOG.info("Started Redis Sentinel {} (master {}:{}, replica {}:{}) on {} in {} ms using {}", masterName,
                Ports.HOST, master.port, Ports.HOST, replica.port, sentinelNodes(), millisSince(startedAt),
                RedisBinary.locate());
    }

    private DataNode launchDataNode(@Nullable Integer masterPort) {
        DataNode node = RedisProcess.onFreePort(Ports::free, port -> {
            Path nodeDir = TempDirs.createChild(dir, "node-" + port);
            RedisTlsFront front = tls ? RedisTls.selfSigned().front(port) : null;
            List<String> args = new ArrayList<>(List.of(
                    "--port", Integer.toString(port),
                    "--bind", Ports.HOST,
                    "--dir", nodeDir.toString(),
                    "--save", "",
                    "--appendonly", "no",
                    "--daemonize", "no"));
            if (masterPort != null) {
                args.addAll(List.of("--replicaof", Ports.HOST, Integer.toString(clientPort(masterPort))));
            }
            if (front != null) { // a replica is announced at its front, which takes the sentinels' plain connections too
                args.addAll(List.of("--replica-announce-port", Integer.toString(front.port())));
            }
            args.addAll(auth.serverArgs());
            try {
                return new DataNode(port, RedisProcess.launch("Redis", port, args, nodeDir), front);
            } catch (RuntimeException e) {
                if (front != null) {
                    front.close(); // the port was taken: another attempt comes with a front of its own
                }
                throw e;
            }
        });
        synchronized (this) {
            dataNodes.add(node);
        }
        auth.createUser(node.port);
        return node;
    }

    private RedisProcess launchSentinel(int port) {
        Path sentinelDir = TempDirs.createChild(dir, "sentinel-" + port);
        int masterPort = dataNodes.get(0).port;
        List<String> conf = new ArrayList<>(List.of(
                "port " + port,
                "bind " + Ports.HOST,
                "dir " + sentinelDir,
                "sentinel monitor " + masterName + " " + Ports.HOST + " " + clientPort(masterPort) + " " + QUORUM,
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1"));
        if (auth.password() != null) {
            conf.add("sentinel auth-pass " + masterName + " " + auth.password());
        }
        Path confFile = sentinelDir.resolve("sentinel.conf");
        try {
            Files.write(confFile, conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + confFile, e);
        }
        return RedisProcess.launch("Redis Sentinel", port, List.of(confFile.toString(), "--sentinel"), sentinelDir);
    }

    /**
     * Waits until every running sentinel reports {@code masterPort} as master and knows the
     * running replicas and the other sentinels, the master answers {@code ROLE} as master and
     * the running replicas' links to it are up.
     */
    private void awaitMaster(int masterPort, Duration timeout) {
        Poll.until("sentinels " + sentinelNodes() + " to agree on master " + masterName + " at " + Ports.HOST + ":"
                + masterPort, timeout, () -> missingForMaster(masterPort), this::diagnostics);
    }

    /**
     * Turns the old master into a replica of the new one and disconnects its clients, as the
     * sentinels would only about 10 s later (they wait {@code 4 * 2 s} after the old master
     * still reports itself as master, then send {@code REPLICAOF} and {@code CLIENT KILL}).
     */
    private void demote(DataNode oldMaster, int newMasterPort) {
        RedisProcess process = oldMaster.process;
        if (process == null || !process.isAlive()) {
            return;
        }
        try (RespClient client = RespClient.connect(oldMaster.port, auth.password())) {
            client.call("REPLICAOF", Ports.HOST, Integer.toString(clientPort(newMasterPort)));
            client.call("CLIENT", "KILL", "TYPE", "normal");
            client.call("CLIENT", "KILL", "TYPE", "pubsub");
        } catch (IOException e) {
            throw new IllegalStateException("could not make the old master " + Ports.HOST + ":" + oldMaster.port
                    + " a replica of " + Ports.HOST + ":" + newMasterPort + ": " + e.getMessage() + diagnostics(), e);
        }
    }

    private @Nullable String missingForMaster(int masterPort) throws IOException {
        return missingForMaster(masterPort, true);
    }

    /** Returns what is missing for {@code masterPort} to be the agreed master (and, if asked, its replicas to be healthy), or null. */
    private @Nullable String missingForMaster(int masterPort, boolean withReplicas) throws IOException {
        DataNode master = dataNode(masterPort);
        List<DataNode> replicas = dataNodes.stream()
                .filter(node -> withReplicas && node.port != masterPort && node.process != null && node.process.isAlive())
                .toList();
        for (RedisProcess sentinel : sentinels) {
            sentinel.requireAlive();
            int reported = reportedMaster(sentinel.port());
            if (reported != masterPort) {
                return "sentinel " + sentinel.port() + " reports master port " + reported;
            }
            try (RespClient client = RespClient.connect(sentinel.port(), null)) {
                List<Map<String, String>> known = entries(client.callForList("SENTINEL", "REPLICAS", masterName));
                for (DataNode replica : replicas) {
                    boolean good = known.stream().anyMatch(entry -> nodePort(entry.get("port")) == replica.port
                            && healthy(entry.get("flags"), "slave"));
                    if (!good) {
                        return "sentinel " + sentinel.port() + " does not see replica " + replica.port + " as healthy";
                    }
                }
                long peers = entries(client.callForList("SENTINEL", "SENTINELS", masterName)).stream()
                        .filter(entry -> healthy(entry.get("flags"), "sentinel"))
                        .count();
                if (peers != sentinels.size() - 1) {
                    return "sentinel " + sentinel.port() + " knows " + peers + " other sentinels";
                }
            }
        }
        RedisProcess masterProcess = master.process;
        if (masterProcess == null) {
            return "master " + masterPort + " is not running";
        }
        masterProcess.requireAlive();
        try (RespClient client = RespClient.connect(masterPort, auth.password())) {
            Object role = client.callForList("ROLE").get(0);
            if (!"master".equals(role)) {
                return "node " + masterPort + " answers ROLE " + role;
            }
        }
        for (DataNode replica : replicas) {
            String missing = missingReplication(replica, masterPort);
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    private @Nullable String missingReplication(DataNode replica, int masterPort) throws IOException {
        RedisProcess process = replica.process;
        if (process == null) {
            return "replica " + replica.port + " is not running";
        }
        process.requireAlive();
        try (RespClient client = RespClient.connect(replica.port, auth.password())) {
            Map<String, String> info = RedisInfo.fields(client.callForString("INFO", "replication"));
            if (nodePort(info.get("master_port")) != masterPort || !"up".equals(info.get("master_link_status"))) {
                return "replica " + replica.port + " reports role:" + info.get("role") + " master_port:"
                        + info.get("master_port") + " master_link_status:" + info.get("master_link_status");
            }
        }
        return null;
    }

    private int reportedMaster(int sentinelPort) throws IOException {
        Object reply = RespClient.callOnce(sentinelPort, null, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (!(reply instanceof List<?> address) || address.size() != 2) {
            throw new IOException("sentinel " + sentinelPort + " does not know master " + masterName + ": " + reply);
        }
        return nodePort(String.valueOf(address.get(1)));
    }

    /** Where clients reach the node or sentinel on {@code port}: its TLS front, if it has one. */
    private synchronized int clientPort(int port) {
        RedisTlsFront front = sentinelFronts.get(port);
        if (front != null) {
            return front.port();
        }
        return dataNodes.stream().filter(node -> node.port == port && node.front != null)
                .mapToInt(node -> node.front.port()).findFirst().orElse(port);
    }

    /** The port of the data node that Redis reports as {@code reported}: a front's port is its node's; -1 if none. */
    private synchronized int nodePort(@Nullable String reported) {
        if (reported == null) {
            return -1;
        }
        int port = Integer.parseInt(reported);
        return dataNodes.stream().filter(node -> node.front != null && node.front.port() == port)
                .mapToInt(DataNode::port).findFirst().orElse(port);
    }

    private static List<Map<String, String>> entries(List<?> reply) {
        return reply.stream().map(entry -> RedisInfo.pairs((List<?>) entry)).toList();
    }

    /** Returns whether sentinel {@code flags} are exactly the role, i.e. not down or disconnected. */
    private static boolean healthy(@Nullable String flags, String role) {
        return RedisInfo.hasFlag(flags, role) && !RedisInfo.hasFlag(flags, "s_down")
                && !RedisInfo.hasFlag(flags, "o_down") && !RedisInfo.hasFlag(flags, "disconnected");
    }

    private DataNode runningReplica(int masterPort) {
        return dataNodes.stream()
                .filter(node -> node.port != masterPort && node.process != null && node.process.isAlive())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running replica of " + masterName
                        + " to fail over to in " + this));
    }

    private DataNode dataNode(int port) {
        return dataNodes.stream().filter(node -> node.port == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("sentinels report unknown master port " + port));
    }

    private String diagnostics() {
        StringBuilder text = new StringBuilder();
        for (DataNode node : List.copyOf(dataNodes)) {
            if (node.process != null) {
                text.append(node.process.describeOutput());
            }
        }
        for (RedisProcess sentinel : List.copyOf(sentinels)) {
            text.append(sentinel.describeOutput());
        }
        return text.toString();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** A master or replica, with its TLS front if it has one. */
    private record DataNode(int port, @Nullable RedisProcess process, @Nullable RedisTlsFront front) {
    }

    /** Options of a sentinel deployment; {@link #start()} starts it. */
    public static final class Builder {
        private final String masterName;
        private RedisAuth auth = RedisAuth.NONE;
        private boolean tls;

        private Builder(String masterName) {
            if (masterName.isEmpty() || masterName.chars().anyMatch(c -> Character.isWhitespace(c) || c == '#')) {
                throw new IllegalArgumentException("master name must be non-empty, without spaces or '#': " + masterName);
            }
            this.masterName = masterName;
        }

        /** Protects master and replica with {@code requirepass}; the sentinels get it as {@code auth-pass}. */
        public Builder requirePass(String password) {
            this.auth = auth.withPassword(password);
            return this;
        }

        /** Creates an ACL user with full access ({@code ~* &* +@all}) on master and replica. */
        public Builder aclUser(String user, String password) {
            this.auth = auth.withAclUser(user, password);
            return this;
        }

        /**
         * Puts a TLS front ({@link RedisTls#front}) before every sentinel and data node, so clients
         * reach all of them with TLS ({@code rediss-sentinel://}): {@link #sentinelNodes()} names
         * the sentinels' fronts, and the sentinels report the data nodes at theirs. Redis's own
         * connections (replication, sentinels) pass the fronts in plain; trust the certificate
         * with {@link RedisTls#trustInThisJvm()}.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /**
         * Starts the data nodes and the sentinels and returns once the sentinels agree.
         *
         * @throws IllegalStateException if a process does not start or the sentinels do not agree in time
         */
        public EmbeddedRedisSentinel start() {
            RedisBinary.locate();
            EmbeddedRedisSentinel sentinel = new EmbeddedRedisSentinel(this);
            try {
                sentinel.startAll();
                return sentinel;
            } catch (RuntimeException e) {
                sentinel.close();
                throw e;
            }
        }
    }
}
