package io.streamback.internal.redis;

import io.lettuce.core.RedisURI;
import io.streamback.internal.text.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where the Redis deployment is: the {@code feedback=redis://...}, {@code redis-sentinel://...} or
 * {@code redis-cluster://...} part of a streams string. {@link #toString()} never shows the password.
 *
 * @param deployment a single server, a master found through Sentinel, or a cluster
 * @param nodes the server; the sentinels; or the cluster's seed nodes
 * @param masterName the Sentinel master's name, null unless {@code deployment} is {@link Deployment#SENTINEL}
 * @param username the ACL user, or null
 * @param password the password, or null
 * @param database the database number (always 0 on a cluster)
 * @param tls whether to connect with TLS ({@code rediss://}, {@code rediss-sentinel://}, {@code rediss-cluster://})
 * @param reads how waiting reads learn that a reply arrived
 */
public record RedisSettings(Deployment deployment, List<Node> nodes, @Nullable String masterName,
        @Nullable String username, @Nullable String password, int database, boolean tls, Reads reads) {

    /** The kinds of Redis deployment the feedback stream runs on. */
    public enum Deployment {
        /** One server ({@code redis://}). */
        STANDALONE("redis"),
        /** A master and its replicas watched by sentinels ({@code redis-sentinel://}). */
        SENTINEL("redis-sentinel"),
        /** A Redis Cluster ({@code redis-cluster://}). */
        CLUSTER("redis-cluster");

        private final String scheme;

        Deployment(String scheme) {
            this.scheme = scheme;
        }

        /** The URI scheme without TLS, e.g. {@code redis-sentinel}. */
        public String scheme(boolean tls) {
            return tls ? scheme.replaceFirst("^redis", "rediss") : scheme;
        }
    }

    /**
     * How a waiting read learns that its list has an entry ({@code ?reads=} in the URI).
     */
    public enum Reads {
        /** Keyspace notifications where the server allows them, else {@link #BLOCKING}. */
        AUTO,
        /** Keyspace notifications ({@code notify-keyspace-events} with {@code K} and {@code l}) and {@code RPOP}. */
        NOTIFICATIONS,
        /** One {@code BRPOP} over every waited key (not on a cluster). */
        BLOCKING
    }

    /**
     * One server address.
     *
     * @param host the host
     * @param port the port
     */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** Checks the fields fit together. */
    public RedisSettings {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(reads, "reads");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one Redis node is needed");
        }
        if ((deployment == Deployment.SENTINEL) != (masterName != null)) {
            throw new IllegalArgumentException("a master name is needed with Sentinel, and only there");
        }
        if (deployment == Deployment.CLUSTER && reads == Reads.BLOCKING) {
            throw new IllegalArgumentException("a Redis Cluster cannot serve blocking reads over many keys");
        }
    }

    /** A single server, read with {@link Reads#AUTO}. */
    public RedisSettings(String host, int port, @Nullable String username, @Nullable String password, int database,
            boolean tls) {
        this(Deployment.STANDALONE, List.of(new Node(host, port)), null, username, password, database, tls, Reads.AUTO);
    }

    /**
     * The Lettuce URI: the server's, or the sentinels' (Lettuce then asks them for the master), or
     * the first seed node's for a cluster (see {@link #clusterUris(Duration)}).
     */
    public RedisURI toUri(Duration timeout) {
        RedisURI.Builder builder;
        if (deployment == Deployment.SENTINEL) {
            Node first = nodes.get(0);
            builder = RedisURI.Builder.sentinel(first.host(), first.port(), Objects.requireNonNull(masterName));
            nodes.stream().skip(1).forEach(node -> builder.withSentinel(node.host(), node.port()));
        } else {
            builder = RedisURI.builder().withHost(nodes.get(0).host()).withPort(nodes.get(0).port());
        }
        return authenticated(builder, timeout);
    }

    /** One Lettuce URI per seed node of a cluster. */
    public List<RedisURI> clusterUris(Duration timeout) {
        return nodes.stream()
                .map(node -> authenticated(RedisURI.builder().withHost(node.host()).withPort(node.port()), timeout))
                .toList();
    }

    private RedisURI authenticated(RedisURI.Builder builder, Duration timeout) {
        builder.withDatabase(database).withSsl(tls).withTimeout(timeout);
        if (password != null) {
            if (username != null) {
                builder.withAuthentication(username, password.toCharArray());
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        return builder.build();
    }

    @Override
    public String toString() {
        String auth = password == null ? "" : (username == null ? "" : Secrets.encodeUser(username)) + ":" + Secrets.MASK + "@";
        String hosts = nodes.stream().map(Node::toString).collect(Collectors.joining(","));
        return deployment.scheme(tls) + "://" + auth + hosts + (database == 0 ? "" : "/" + database)
                + (reads == Reads.AUTO ? "" : "?reads=" + readsName()) + (masterName == null ? "" : "#" + masterName);
    }

    private String readsName() {
        return reads == Reads.NOTIFICATIONS ? "notifications" : "blocking";
    }
}
