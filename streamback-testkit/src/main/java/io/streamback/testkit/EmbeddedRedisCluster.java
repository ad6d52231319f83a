package io.streamback.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Cluster of {@code redis-server} child processes on {@code 127.0.0.1}: a number
 * of masters that share the 16384 hash slots evenly, optionally with replicas, each node in its
 * own temporary directory, without persistence.
 *
 * <p>The cluster is formed without {@code redis-cli}: the kit assigns slots with
 * {@code CLUSTER ADDSLOTS}, introduces the nodes with {@code CLUSTER MEET}, attaches replicas
 * with {@code CLUSTER REPLICATE}, and returns once every node reports {@code cluster_state:ok},
 * all slots served and all nodes connected. Tests own the cluster and must {@link #close()} it
 * (it is also stopped when the JVM exits):
 *
 * <pre>{@code
 * try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3)) {
 *     String seeds = cluster.seedNodes(); // "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3"
 *     cluster.killNode(cluster.ports().get(2));
 * }
 * }</pre>
 *
 * <p>{@link #builder()} adds replicas, a {@code requirepass} password, an ACL user and TLS.
 *
 * <p>Redis before 7 always puts a node's cluster bus on {@code port + 10000}; both ports are
 * picked free. The default {@linkplain Builder#nodeTimeout(Duration) node timeout} is 2 s so a
 * killed node is marked failed quickly.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisCluster.class);

    /** The number of hash slots of a Redis Cluster. */
    public static final int SLOTS = 16_384;

    private static final int BUS_PORT_OFFSET = 10_000;
    private static final int SLOTS_PER_COMMAND = 4_096;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int masters;
    private final int replicasPerMaster;
    private final RedisAuth auth;
    private final Duration nodeTimeout;
    private final boolean tls;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedRedisCluster(Builder builder) {
        this.masters = builder.masters;
        this.replicasPerMaster = builder.replicasPerMaster;
        this.auth = builder.auth;
        this.nodeTimeout = builder.nodeTimeout;
        this.tls = builder.tls;
        this.dir = TempDirs.create("streamback-redis-cluster-");
        this.shutdownHook = ShutdownHooks.register("streamback-redis-cluster-shutdown", this::close);
    }

    /**
     * Starts a cluster of {@code masters} masters without replicas or passwords on free ports.
     *
     * @throws IllegalArgumentException if {@code masters} is less than 1
     * @throws IllegalStateException if a node does not start or the cluster does not become ready
     */
    public static EmbeddedRedisCluster start(int masters) {
        return builder().masters(masters).start();
    }

    /** Returns a builder for a cluster with replicas, a password or an ACL user. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the ports of all nodes: the masters first, then the replicas, in start order. */
    public List<Integer> ports() {
        synchronized (this) {
            return nodes.stream().map(node -> node.port).toList();
        }
    }

    /**
     * Returns the cluster's seed nodes, e.g. {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}: with
     * {@linkplain Builder#tls() TLS}, the nodes' TLS fronts, which the nodes also announce.
     */
    public String seedNodes() {
        synchronized (this) {
            return nodes.stream().map(node -> Ports.HOST + ":" + node.clientPort()).collect(Collectors.joining(","));
        }
    }

    /** How many TLS connections the nodes' fronts took so far; 0 without {@linkplain Builder#tls() TLS}. */
    public int tlsConnections() {
        synchronized (this) {
            return nodes.stream().mapToInt(node -> node.front == null ? 0 : node.front.tlsConnections()).sum();
        }
    }

    /**
     * Returns the ports of the nodes that are masters right now and not marked failed, as seen
     * by a running node (they change when a replica takes over from a failed master).
     *
     * @throws IllegalStateException if no node answers
     */
    public List<Integer> masterPorts() {
        IOException last = null;
        for (Node node : runningNodes()) {
            try (RespClient client = RespClient.connect(node.port, auth.password())) {
                List<Integer> ports = new ArrayList<>();
                for (String[] line : clusterNodes(client)) {
                    if (RedisInfo.hasFlag(line[2], "master") && !RedisInfo.hasFlag(line[2], "fail")) {
                        ports.add(nodePort(portOf(line[1])));
                    }
                }
                ports.sort(null);
                return ports;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no node of " + this + " answers CLUSTER NODES", last);
    }

    /**
     * Stops the node on {@code port} gracefully ({@code SIGTERM}) and waits until it has exited.
     * The other nodes notice after the node timeout.
     *
     * @throws IllegalArgumentException if no node has that port
     * @throws IllegalStateException if the node is not running
     */
    public void stopNode(int port) {
        synchronized (this) {
            running(port).stop();
            LOG.info("Stopped Redis Cluster node {}:{}", Ports.HOST, port);
        }
    }

    /**
     * Kills the node on {@code port} with {@code SIGKILL} and waits until it has exited.
     *
     * @throws IllegalArgumentException if no node has that port
     * @throws IllegalStateException if the node is not running
     */
    public void killNode(int port) {
        synchronized (this) {
            running(port).kill();
            LOG.info("Killed Redis Cluster node {}:{}", Ports.HOST, port);
        }
    }

    /**
     * Starts a stopped or killed node again on the same port with its saved cluster config (same
     * node id and slots), re-creates the ACL user, and, if all nodes are running again, waits
     * until the cluster is ready (a failed master with slots is only accepted back after twice the
     * node timeout).
     *
     * @throws IllegalArgumentException if no node has that port
     * @throws IllegalStateException if the node is running, does not start, or the cluster does
     *         not become ready again
     */
    public void restartNode(int port) {
        synchronized (this) {
            Node node = node(port);
            if (node.process != null && node.process.isAlive()) {
                throw new IllegalStateException("Redis Cluster node " + Ports.HOST + ":" + port + " is running");
            }
            long startedAt = System.nanoTime();
            node.launch();
            auth.createUser(port);
            if (runningNodes().size() == nodes.size()) {
                awaitReady();
            }
            LOG.info("Restarted Redis Cluster node {}:{} in {} ms", Ports.HOST, port, millisSince(startedAt));
        }
    }

    /** Stops all nodes and deletes their directories. Does nothing if already closed. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ShutdownHooks.unregister(shutdownHook);
        for (Node node : runningNodes()) {
            node.stopQuietly();
        }
        for (Node node : List.copyOf(nodes)) {
            if (node.front != null) {
                node.front.close();
            }
        }
        TempDirs.deleteQuietly(dir);
        LOG.info("Stopped Redis Cluster on {}", seedNodes());
    }

    @Override
    public String toString() {
        return "EmbeddedRedisCluster[" + seedNodes() + ", " + masters + " masters, " + replicasPerMaster
                + " replicas each" + (closed ? ", closed]" : "]");
    }

    private void startNodes() {
        long startedAt = System.nanoTime();
        int total = masters * (1 + replicasPerMaster);
        for (int i = 0; i < total; i++) {
            Node node = RedisProcess.onFreePort(() -> Ports.freeWithCompanion(BUS_PORT_OFFSET), port -> {
                Node candidate = new Node(port, TempDirs.createChild(dir, "node-" + port));
                try {
                    candidate.launch();
                } catch (RuntimeException e) {
                    if (candidate.front != null) {
                        candidate.front.close(); // the port was taken: another candidate comes with a front of its own
                    }
                    throw e;
                }
                return candidate;
            });
            synchronized (this) {
                nodes.add(node);
            }
            auth.createUser(node.port);
        }
        form();
        awaitReady();
        LOG.info("Started Redis Cluster of {} masters ({} replicas each) on {} in {} ms using {}",
                masters, replicasPerMaster, seedNodes(), millisSince(startedAt), RedisBinary.locate());
    }

    /** Assigns the slots, introduces the nodes to each other and attaches the replicas. */
    private void form() {
        List<String> ids = new ArrayList<>();
        try {
            for (Node node : nodes) {
                try (RespClient client = RespClient.connect(node.port, auth.password())) {
                    ids.add(client.callForString("CLUSTER", "MYID"));
                }
            }
            for (int i = 0; i < masters; i++) {
                try (RespClient client = RespClient.connect(nodes.get(i).port, auth.password())) {
                    client.call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
                    addSlots(client, i * SLOTS / masters, (i + 1) * SLOTS / masters - 1);
                }
            }
            try (RespClient first = RespClient.connect(nodes.get(0).port, auth.password())) {
                for (Node other : nodes.subList(1, nodes.size())) {
                    first.call("CLUSTER", "MEET", Ports.HOST, Integer.toString(other.port));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not form Redis Cluster on " + seedNodes() + ": " + e.getMessage()
                    + diagnostics(), e);
        }
        List<Node> replicas = new ArrayList<>(nodes.subList(masters, nodes.size()));
        Poll.until("replicas of Redis Cluster on " + seedNodes() + " to know their masters", READY_TIMEOUT, () -> {
            while (!replicas.isEmpty()) {
                Node replica = replicas.get(0);
                String masterId = ids.get((nodes.indexOf(replica) - masters) % masters);
                try (RespClient client = RespClient.connect(replica.port, auth.password())) {
                    client.call("CLUSTER", "REPLICATE", masterId);
                } catch (RespClient.ErrorReply e) {
                    if (e.getMessage().contains("Unknown node")) {
                        return replica + " does not know master " + masterId + " yet";
                    }
                    throw new IllegalStateException("CLUSTER REPLICATE " + masterId + " failed on " + replica
                            + ": " + e.getMessage() + diagnostics(), e);
                }
                replicas.remove(0);
            }
            return null;
        }, this::diagnostics);
    }

    private static void addSlots(RespClient client, int from, int to) throws IOException {
        for (int start = from; start <= to; start += SLOTS_PER_COMMAND) {
            int end = Math.min(to, start + SLOTS_PER_COMMAND - 1);
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = start; slot <= end; slot++) {
                command.add(Integer.toString(slot));
            }
            client.call(command.toArray(String[]::new));
        }
    }

    private void awaitReady() {
        Poll.until("Redis Cluster on " + seedNodes() + " to be ready", READY_TIMEOUT, this::missingForReady,
                this::diagnostics);
    }

    /** Returns what keeps the cluster from being ready as seen by every node, or null. */
    private @Nullable String missingForReady() throws IOException {
        for (Node node : nodes) {
            RedisProcess process = node.process;
            if (process == null) {
                return node + " is not running";
            }
            process.requireAlive();
            try (RespClient client = RespClient.connect(node.port, auth.password())) {
                Map<String, String> info = RedisInfo.fields(client.callForString("CLUSTER", "INFO"));
                if (!"ok".equals(info.get("cluster_state"))) {
                    return node + " reports cluster_state:" + info.get("cluster_state");
                }
                if (!Integer.toString(SLOTS).equals(info.get("cluster_slots_ok"))) {
                    return node + " reports cluster_slots_ok:" + info.get("cluster_slots_ok");
                }
                if (!Integer.toString(nodes.size()).equals(info.get("cluster_known_nodes"))) {
                    return node + " reports cluster_known_nodes:" + info.get("cluster_known_nodes");
                }
                boolean replica = false;
                int mastersSeen = 0;
                for (String[] line : clusterNodes(client)) {
                    mastersSeen += RedisInfo.hasFlag(line[2], "master") ? 1 : 0;
                    for (String bad : List.of("handshake", "noaddr", "fail", "fail?")) {
                        if (RedisInfo.hasFlag(line[2], bad)) {
                            return node + " sees " + line[1] + " as " + line[2];
                        }
                    }
                    if (!"connected".equals(line[7])) {
                        return node + " has no link to " + line[1];
                    }
                    replica |= RedisInfo.hasFlag(line[2], "myself") && RedisInfo.hasFlag(line[2], "slave");
                }
                if (mastersSeen != masters) {
                    return node + " sees " + mastersSeen + " masters, not " + masters + " (replicas not known as such yet)";
                }
                if (replica) {
                    String link = RedisInfo.fields(client.callForString("INFO", "replication")).get("master_link_status");
                    if (!"up".equals(link)) {
                        return "replica " + node + " reports master_link_status:" + link;
                    }
                }
            }
        }
        return null;
    }

    /** Returns the lines of {@code CLUSTER NODES}, split into their fields. */
    private static List<String[]> clusterNodes(RespClient client) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : client.callForString("CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length >= 8) {
                lines.add(fields);
            }
        }
        return lines;
    }

    /** Returns the port of a {@code CLUSTER NODES} address such as {@code 127.0.0.1:7000@17000}. */
    private static int portOf(String address) {
        int colon = address.lastIndexOf(':');
        int at = address.indexOf('@', colon);
        return Integer.parseInt(address.substring(colon + 1, at < 0 ? address.length() : at));
    }

    /** The port of the node that announces {@code announced}: its front's, with TLS. */
    private synchronized int nodePort(int announced) {
        for (Node node : nodes) {
            if (node.clientPort() == announced) {
                return node.port;
            }
        }
        return announced;
    }

    private synchronized List<Node> runningNodes() {
        return nodes.stream().filter(node -> node.process != null && node.process.isAlive()).toList();
    }

    private Node node(int port) {
        for (Node node : nodes) {
            if (node.port == port) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node of " + this + " has port " + port);
    }

    private RedisProcess running(int port) {
        RedisProcess process = node(port).process;
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Redis Cluster node " + Ports.HOST + ":" + port + " is not running");
        }
        return process;
    }

    private String diagnostics() {
        StringBuilder text = new StringBuilder();
        for (Node node : List.copyOf(nodes)) {
            RedisProcess process = node.process;
            if (process != null) {
                text.append(process.describeOutput());
            }
        }
        return text.toString();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One node: its port and directory survive restarts, its process does not. */
    private final class Node {
        final int port;
        final Path dir;
        /** With TLS: where clients connect, announced by the node as its address. */
        final @Nullable RedisTlsFront front;
        volatile @Nullable RedisProcess process;

        Node(int port, Path dir) {
            this.port = port;
            this.dir = dir;
            this.front = tls ? RedisTls.selfSigned().front(port) : null;
        }

        int clientPort() {
            return front == null ? port : front.port();
        }

        void launch() {
            List<String> args = new ArrayList<>(List.of(
                    "--port", Integer.toString(port),
                    "--bind", Ports.HOST,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                    "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                    "--dir", dir.toString(),
                    "--save", "",
                    "--appendonly", "no",
                    "--daemonize", "no"));
            if (front != null) {
                args.addAll(List.of("--cluster-announce-port", Integer.toString(front.port()),
                        "--cluster-announce-bus-port", Integer.toString(port + BUS_PORT_OFFSET)));
            }
            args.addAll(auth.serverArgs());
            process = RedisProcess.launch("Redis Cluster node", port, args, dir);
        }

        void stopQuietly() {
            RedisProcess current = process;
            if (current != null) {
                current.stop();
            }
        }

        @Override
        public String toString() {
            return Ports.HOST + ":" + port;
        }
    }

    /** Options of a cluster; {@link #start()} starts it. */
    public static final class Builder {
        private int masters = 3;
        private int replicasPerMaster;
        private RedisAuth auth = RedisAuth.NONE;
        private Duration nodeTimeout = Duration.ofSeconds(2);
        private boolean tls;

        private Builder() {
        }

        /**
         * Puts a TLS front ({@link RedisTls#front}) before every node, which the node announces as
         * its address, so clients reach every node with TLS ({@code rediss-cluster://}). The nodes
         * talk to each other on their cluster bus as before; trust the certificate with
         * {@link RedisTls#trustInThisJvm()}.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Sets the number of masters (default 3). */
        public Builder masters(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least 1 master, got " + count);
            }
            this.masters = count;
            return this;
        }

        /** Sets the number of replicas of each master (default 0). */
        public Builder replicasPerMaster(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("replicas per master must not be negative, got " + count);
            }
            this.replicasPerMaster = count;
            return this;
        }

        /** Protects every node with {@code requirepass} (the default user's password). */
        public Builder requirePass(String password) {
            this.auth = auth.withPassword(password);
            return this;
        }

        /** Creates an ACL user with full access ({@code ~* &* +@all}) on every node. */
        public Builder aclUser(String user, String password) {
            this.auth = auth.withAclUser(user, password);
            return this;
        }

        /** Sets {@code cluster-node-timeout} (default 2 s): how long until a silent node counts as failed. */
        public Builder nodeTimeout(Duration timeout) {
            if (timeout.toMillis() < 100) {
                throw new IllegalArgumentException("node timeout must be at least 100 ms, got " + timeout);
            }
            this.nodeTimeout = timeout;
            return this;
        }

        /**
         * Starts the nodes, forms the cluster and returns once it is ready.
         *
         * @throws IllegalStateException if a node does not start or the cluster does not become ready
         */
        public EmbeddedRedisCluster start() {
            RedisBinary.locate();
            EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(this);
            try {
                cluster.startNodes();
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
