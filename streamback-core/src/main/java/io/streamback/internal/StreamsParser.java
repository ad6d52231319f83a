package io.streamback.internal;

import io.streamback.InvalidStreamsException;
import io.streamback.kafka.KafkaSettings;
import io.streamback.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a streams string the way Python streamback does:
 * {@code main=kafka://host:port&feedback=redis://host:port&topics_prefix=P&group=G}. Messages of
 * the errors it throws mask passwords.
 */
public final class StreamsParser {
    private static final Set<String> KEYS = Set.of("main", "feedback", "topics_prefix", "group");

    private StreamsParser() {
    }

    /**
     * Parses {@code streams}.
     *
     * @throws InvalidStreamsException naming the bad part
     */
    public static StreamsConfig parse(String streams) {
        Map<String, String> parts = split(streams);
        String main = parts.get("main");
        if (main == null) {
            throw new InvalidStreamsException("no main stream in '" + Secrets.mask(streams) + "'");
        }
        String feedback = parts.get("feedback");
        return new StreamsConfig(parseMain(main), feedback == null ? null : parseFeedback(feedback),
                nonEmpty(parts, "topics_prefix"), nonEmpty(parts, "group"));
    }

    private static Map<String, String> split(String streams) {
        if (streams.isBlank()) {
            throw new InvalidStreamsException("the streams string is empty");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : streams.trim().split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidStreamsException("part '" + Secrets.mask(part) + "' is not key=value");
            }
            String key = part.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw new InvalidStreamsException("unknown key '" + key + "' in part '" + Secrets.mask(part)
                        + "' (known: main, feedback, topics_prefix, group)");
            }
            if (parts.put(key, part.substring(eq + 1).trim()) != null) {
                throw new InvalidStreamsException("key '" + key + "' is given twice");
            }
        }
        return parts;
    }

    private static @Nullable String nonEmpty(Map<String, String> parts, String key) {
        String value = parts.get(key);
        if (value != null && value.isEmpty()) {
            throw new InvalidStreamsException("'" + key + "=' has no value");
        }
        return value;
    }

    private static Object parseMain(String value) {
        if (value.startsWith("kafka://")) {
            return parseKafka(value.substring("kafka://".length()), value);
        }
        if (value.startsWith("memory://")) {
            return memory(value);
        }
        throw new InvalidStreamsException("main stream '" + Secrets.mask(value)
                + "' must start with kafka:// or memory://");
    }

    private static Object parseFeedback(String value) {
        if (value.matches("(?s)rediss?(-sentinel|-cluster)?://.*")) {
            return parseRedis(value);
        }
        if (value.startsWith("memory://")) {
            return memory(value);
        }
        throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value)
                + "' must start with redis://, rediss://, redis-sentinel://, redis-cluster:// or memory://");
    }

    private static StreamsConfig.Memory memory(String value) {
        String name = value.substring("memory://".length());
        return new StreamsConfig.Memory(name.isEmpty() ? "default" : name);
    }

    /** {@code [user@password:]host:port[,host:port...]}, the Python SASL/PLAIN form. */
    private static KafkaSettings parseKafka(String rest, String whole) {
        String user = null;
        String password = null;
        String hosts = rest;
        int at = rest.indexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            int colon = rest.indexOf(':', at + 1);
            if (user.isEmpty() || colon < 0) {
                throw new InvalidStreamsException("main stream '" + Secrets.mask(whole)
                        + "' must be kafka://user@password:host:port for SASL");
            }
            password = rest.substring(at + 1, colon);
            hosts = rest.substring(colon + 1);
        }
        List<String> servers = new ArrayList<>();
        for (String server : hosts.split(",")) {
            servers.add(hostPort(server.trim(), whole));
        }
        return new KafkaSettings(servers, user, password, Map.of());
    }

    private static String hostPort(String server, String whole) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new InvalidStreamsException("Kafka server '" + server + "' in '" + Secrets.mask(whole)
                    + "' must be host:port");
        }
        port(server.substring(colon + 1), whole);
        return server;
    }

    private static int port(String text, String whole) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidStreamsException("port '" + text + "' in '" + Secrets.mask(whole)
                + "' must be a number from 1 to 65535");
    }

    /**
     * {@code redis[s]://[[user]:password@]host[:port][/db]}, {@code redis[s]-sentinel://[[user]:password@]host:port[,host:port...][/db]#master}
     * or {@code redis[s]-cluster://[[user]:password@]host:port[,host:port...]}, each with an optional
     * {@code ?reads=auto|notifications|blocking}.
     */
    private static RedisSettings parseRedis(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value) + "' is not a valid URI: "
                    + e.getReason());
        }
        String scheme = uri.getScheme();
        boolean tls = scheme.startsWith("rediss");
        RedisSettings.Deployment deployment = scheme.endsWith("-sentinel") ? RedisSettings.Deployment.SENTINEL
                : scheme.endsWith("-cluster") ? RedisSettings.Deployment.CLUSTER : RedisSettings.Deployment.STANDALONE;
        String form = switch (deployment) {
            case STANDALONE -> "redis://[user:password@]host:port[/db]";
            case SENTINEL -> "redis-sentinel://[user:password@]host:port[,host:port...][/db]#master";
            case CLUSTER -> "redis-cluster://[user:password@]host:port[,host:port...]";
        };
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        List<RedisSettings.Node> nodes = new ArrayList<>();
        for (String hostPort : authority.substring(at + 1).split(",", -1)) {
            nodes.add(redisNode(hostPort.trim(), value, form, deployment == RedisSettings.Deployment.STANDALONE));
        }
        if (deployment == RedisSettings.Deployment.STANDALONE && nodes.size() > 1) {
            throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value) + "' names several servers:"
                    + " use redis-sentinel:// or redis-cluster:// for those, or " + form + " for one");
        }
        String user = null;
        String password = null;
        String userInfo = at < 0 ? null
                : URLDecoder.decode(authority.substring(0, at).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? null : userInfo.substring(0, colon);
            password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new InvalidStreamsException("database '" + path.substring(1) + "' in '"
                        + Secrets.mask(value) + "' must be a number");
            }
            if (deployment == RedisSettings.Deployment.CLUSTER && database != 0) {
                throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value)
                        + "' names database " + database + ", but a Redis Cluster has only database 0");
            }
        }
        String master = uri.getFragment();
        if (deployment == RedisSettings.Deployment.SENTINEL && (master == null || master.isBlank())) {
            throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value)
                    + "' names no master: end it with #master-name, as in " + form);
        }
        if (deployment != RedisSettings.Deployment.SENTINEL && master != null) {
            throw new InvalidStreamsException("feedback stream '" + Secrets.mask(value) + "' has '#" + master
                    + "', but only redis-sentinel:// takes a master name");
        }
        RedisSettings.Reads reads = reads(uri.getQuery(), value, deployment);
        return new RedisSettings(deployment, nodes, master, user, password, database, tls, reads);
    }

    private static RedisSettings.Node redisNode(String hostPort, String whole, String form, boolean defaultPort) {
        int portColon = hostPort.lastIndexOf(':');
        String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        if (host.isEmpty() || (portColon < 0 && !defaultPort)) {
            throw new InvalidStreamsException("feedback stream '" + Secrets.mask(whole) + "' must be " + form);
        }
        return new RedisSettings.Node(host, portColon < 0 ? 6379 : port(hostPort.substring(portColon + 1), whole));
    }

    private static RedisSettings.Reads reads(@Nullable String query, String whole,
            RedisSettings.Deployment deployment) {
        if (query == null || query.isEmpty()) {
            return RedisSettings.Reads.AUTO;
        }
        RedisSettings.Reads reads = switch (query) {
            case "reads=auto" -> RedisSettings.Reads.AUTO;
            case "reads=notifications" -> RedisSettings.Reads.NOTIFICATIONS;
            case "reads=blocking" -> RedisSettings.Reads.BLOCKING;
            default -> throw new InvalidStreamsException("'?" + query + "' in feedback stream '"
                    + Secrets.mask(whole) + "' is not known: the only option is ?reads=auto|notifications|blocking");
        };
        if (reads == RedisSettings.Reads.BLOCKING && deployment == RedisSettings.Deployment.CLUSTER) {
            throw new InvalidStreamsException("'?reads=blocking' in feedback stream '" + Secrets.mask(whole)
                    + "' cannot work on a Redis Cluster: one BRPOP cannot wait on keys of several slots");
        }
        return reads;
    }
}
