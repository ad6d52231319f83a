package io.streamback.internal.redis;

import io.streamback.FeedbackUnavailableException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.streamback.StreambackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Opens Lettuce connections to the deployment {@link RedisSettings} names, hiding whether it is a
 * single server, a Sentinel-managed master or a cluster. Connecting blocks the calling thread, so
 * only the feedback stream's own threads call it.
 *
 * <p>Every connection rejects commands while it is disconnected (the feedback stream retries
 * them itself, so nothing piles up in memory) and times out a command after {@link #COMMAND_TIMEOUT}.
 */
final class RedisClients implements AutoCloseable {
    /** How long one command may take before it fails; writes are retried above this. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** Lettuce's message when the channel closed before its handshake completed. */
    private static final String CLOSED_IN_HANDSHAKE = "Connection closed prematurely";
    private static final String NOTIFY = "notify-keyspace-events";

    private final RedisSettings settings;
    private final String clientName;
    private final ClientResources resources;
    private final @Nullable RedisClient client;
    private final @Nullable RedisClient reconnecting;
    private final @Nullable RedisClusterClient cluster;
    private final @Nullable RedisClusterClient reconnectingCluster;

    /**
     * Two clients on the same threads: commands run at most once (no automatic reconnect, which
     * would send a command again after a lost reply: a second {@code RPOP} takes an entry nobody
     * sees); subscriptions and the blocking connection reconnect by themselves.
     */
    RedisClients(RedisSettings settings, String clientName, List<RedisClientInstrumentation> instrumentations) {
        this.settings = settings;
        this.clientName = clientName;
        DefaultClientResources.Builder builder = DefaultClientResources.builder();
        String application = clientName.startsWith("streamback:") ? clientName.substring("streamback:".length())
                : clientName;
        for (RedisClientInstrumentation instrumentation : instrumentations) {
            try {
                instrumentation.customize(application, builder);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(RedisClients.class).warn("event=client_instrumentation_failed"
                        + " instrumentation={} error=\"{}\"", instrumentation.getClass().getName(), e.toString());
            }
        }
        this.resources = builder.build();
        if (settings.deployment() == RedisSettings.Deployment.CLUSTER) {
            List<RedisURI> seeds = settings.clusterUris(COMMAND_TIMEOUT);
            seeds.forEach(uri -> uri.setClientName(clientName));
            // Lettuce's cluster connections do not work without reconnecting themselves; a command sent again
            // after a lost reply is caught by NotifiedReads, which checks what each RPOP removed
            this.cluster = clusterClient(seeds, true);
            this.reconnectingCluster = clusterClient(seeds, true);
            this.client = null;
            this.reconnecting = null;
        } else {
            this.client = client(false);
            this.reconnecting = client(true);
            this.cluster = null;
            this.reconnectingCluster = null;
        }
    }

    private RedisClient client(boolean autoReconnect) {
        RedisClient created = RedisClient.create(resources);
        created.setOptions(ClientOptions.builder()
                .autoReconnect(autoReconnect)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        return created;
    }

    private RedisClusterClient clusterClient(List<RedisURI> seeds, boolean autoReconnect) {
        RedisClusterClient created = RedisClusterClient.create(resources, seeds);
        created.setOptions(ClusterClientOptions.builder()
                .autoReconnect(autoReconnect)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers().build())
                .build());
        return created;
    }

    boolean isCluster() {
        return cluster != null;
    }

    /**
     * A connection for ordinary commands; on a cluster it routes each key to its node, with the
     * connection to every master opened before it is returned: commands that Lettuce holds until a
     * node connection is up are sent in no particular order, and a list's entries must stay in order.
     */
    StatefulConnection<String, String> commands() {
        if (cluster == null) {
            return connect(() -> client().connect(uri()));
        }
        StatefulRedisClusterConnection<String, String> connection = connect(cluster::connect);
        try {
            for (RedisClusterNode node : connection.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    connection.getConnection(node.getNodeId()).sync().ping();
                }
            }
        } catch (RedisException e) {
            connection.close();
            throw connectFailure(e);
        }
        return connection;
    }

    /** The asynchronous commands of a connection made by {@link #commands()}. */
    static RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> clustered) {
            return clustered.async();
        }
        return ((StatefulRedisConnection<String, String>) connection).async();
    }

    /** A connection that only blocks in {@code BRPOP}; never on a cluster. */
    StatefulRedisConnection<String, String> blocking() {
        return connect(() -> reconnecting().connect(uri()));
    }

    /** Receives keyspace notifications; see {@link Subscriber}. */
    Subscriber subscriber(NotificationListener listener) {
        if (cluster != null) {
            StatefulRedisClusterPubSubConnection<String, String> connection =
                    connect(() -> Objects.requireNonNull(reconnectingCluster).connectPubSub());
            connection.setNodeMessagePropagation(true); // node connections' messages reach the listener below
            connection.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void message(RedisClusterNode node, String pattern, String channel, String message) {
                    listener.notified(channel, message);
                }

                @Override
                public void message(RedisClusterNode node, String channel, String message) {
                    listener.notified(channel, message);
                }

                @Override
                public void psubscribed(RedisClusterNode node, String pattern, long count) {
                    listener.subscribed();
                }
            });
            return new Subscriber(connection, null, connection);
        }
        StatefulRedisPubSubConnection<String, String> connection = connect(() -> reconnecting().connectPubSub(uri()));
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                listener.notified(channel, message);
            }

            @Override
            public void message(String channel, String message) {
                listener.notified(channel, message);
            }

            @Override
            public void psubscribed(String pattern, long count) {
                listener.subscribed();
            }
        });
        return new Subscriber(connection, connection.async(), null);
    }

    /**
     * Makes sure every master publishes keyspace notifications of list commands, setting
     * {@code notify-keyspace-events} when it lacks them.
     *
     * @return null when they are on, else why they cannot be (e.g. {@code CONFIG} is not allowed)
     */
    @Nullable String enableNotifications(StatefulConnection<String, String> connection) {
        // the command connection may flush by hand (CommandLoop), so each command is flushed here
        List<RedisClusterAsyncCommands<String, String>> masters = new ArrayList<>();
        if (connection instanceof StatefulRedisClusterConnection<String, String> clustered) {
            for (RedisClusterNode node : clustered.getPartitions()) {
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    masters.add(clustered.getConnection(node.getNodeId()).async());
                }
            }
        } else {
            masters.add(async(connection));
        }
        try {
            for (RedisClusterAsyncCommands<String, String> master : masters) {
                CompletableFuture<Map<String, String>> current = master.configGet(NOTIFY).toCompletableFuture();
                connection.flushCommands();
                String flags = current.get().getOrDefault(NOTIFY, "");
                String wanted = withListNotifications(flags);
                if (!wanted.equals(flags)) {
                    CompletableFuture<String> set = master.configSet(NOTIFY, wanted).toCompletableFuture();
                    connection.flushCommands();
                    set.get();
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return rootMessage(e);
        }
    }

    /** {@code flags} plus {@code K} (keyspace channel) and {@code l} (list commands), unless already there. */
    static String withListNotifications(String flags) {
        StringBuilder wanted = new StringBuilder(flags);
        if (flags.indexOf('K') < 0) {
            wanted.append('K');
        }
        if (flags.indexOf('l') < 0 && flags.indexOf('A') < 0) {
            wanted.append('l');
        }
        return wanted.toString();
    }

    private RedisClient client() {
        if (client == null) {
            throw new IllegalStateException("not a single-server or Sentinel deployment: " + settings);
        }
        return client;
    }

    private RedisClient reconnecting() {
        if (reconnecting == null) {
            throw new IllegalStateException("not a single-server or Sentinel deployment: " + settings);
        }
        return reconnecting;
    }

    private RedisURI uri() {
        RedisURI uri = settings.toUri(COMMAND_TIMEOUT);
        uri.setClientName(clientName);
        return uri;
    }

    private interface Connector<C> {
        C connect();
    }

    /**
     * Connects, once more at once when the server closed the connection during Lettuce's handshake:
     * Lettuce then reports "Connection closed prematurely" in place of the handshake's own error
     * when the close wins a race with it (a wrong password was once reported that way), and a
     * second try says what is wrong, or connects.
     */
    private <C> C connect(Connector<C> connector) {
        try {
            return connector.connect();
        } catch (RedisException e) {
            if (!rootMessage(e).contains(CLOSED_IN_HANDSHAKE)) {
                throw connectFailure(e);
            }
            try {
                return connector.connect();
            } catch (RedisException again) {
                throw connectFailure(again);
            }
        }
    }

    /** An exception that says why connecting failed and what to check. */
    StreambackException connectFailure(Throwable error) {
        String root = rootMessage(error);
        String lower = root.toLowerCase(Locale.ROOT);
        if (lower.contains("wrongpass") || lower.contains("noauth") || lower.contains("invalid password")
                || lower.contains("invalid username-password") || lower.contains("authentication")) {
            return new FeedbackUnavailableException("authentication to the feedback stream " + settings + " failed: " + root
                    + "; check the user and password in the feedback= part of the streams string", error);
        }
        if (settings.tls() && (lower.contains("ssl") || lower.contains("handshake") || lower.contains("certificat")
                || lower.contains("pkix") || lower.contains("initialization timed out"))) {
            return new FeedbackUnavailableException("TLS to the feedback stream " + settings + " failed: " + root
                    + "; check that the server takes TLS on that port (rediss://) and that this JVM trusts its"
                    + " certificate (javax.net.ssl.trustStore)", error);
        }
        return new FeedbackUnavailableException("cannot connect to the feedback stream " + settings + ": " + root
                + "; check the feedback=redis://host:port part of the streams string", error);
    }

    /** The error of a read whose key holds a {@code type} (as {@code TYPE} names it) instead of a list. */
    static FeedbackUnavailableException notAList(String key, String type) {
        return new FeedbackUnavailableException("feedback key " + key + " holds a " + type
                + ", not a list, so no reply can be read from it");
    }

    static String rootMessage(Throwable error) {
        Throwable current = error;
        String message = String.valueOf(error.getMessage());
        while (current != null) {
            if (current.getMessage() != null) {
                message = current.getMessage();
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return message;
    }

    @Override
    public void close() {
        for (AbstractRedisClient each : new AbstractRedisClient[] {client, reconnecting, cluster, reconnectingCluster}) {
            if (each != null) {
                each.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Told of keyspace notifications, on Lettuce's thread: implementations only hand over. */
    interface NotificationListener {
        /** A notification {@code event} (e.g. {@code lpush}) on {@code channel} ({@code __keyspace@0__:key}). */
        void notified(String channel, String event);

        /** A pattern subscription was confirmed, first or after a reconnect: notifications may have been missed. */
        void subscribed();
    }

    /** A pub/sub connection, single-server or cluster-wide. */
    static final class Subscriber implements AutoCloseable {
        private final StatefulConnection<String, String> connection;
        private final @Nullable RedisPubSubAsyncCommands<String, String> single;
        private final @Nullable StatefulRedisClusterPubSubConnection<String, String> cluster;

        Subscriber(StatefulConnection<String, String> connection,
                @Nullable RedisPubSubAsyncCommands<String, String> single,
                @Nullable StatefulRedisClusterPubSubConnection<String, String> cluster) {
            this.connection = connection;
            this.single = single;
            this.cluster = cluster;
        }

        /** Subscribes to {@code pattern} on every master. */
        CompletableFuture<Void> psubscribe(String pattern) {
            if (cluster != null) {
                return cluster.async().upstream().commands().psubscribe(pattern).toCompletableFuture()
                        .thenApply(done -> null);
            }
            return single.psubscribe(pattern).toCompletableFuture();
        }

        /** Subscribes to one channel on every master. */
        CompletableFuture<Void> subscribe(String channel) {
            if (cluster != null) {
                return cluster.async().upstream().commands().subscribe(channel).toCompletableFuture()
                        .thenApply(done -> null);
            }
            return single.subscribe(channel).toCompletableFuture();
        }

        /** Unsubscribes from one channel. */
        void unsubscribe(String channel) {
            if (cluster != null) {
                cluster.async().upstream().commands().unsubscribe(channel);
            } else {
                single.unsubscribe(channel);
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
