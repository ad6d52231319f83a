package io.streamback.internal;

import io.streamback.InvalidStreamsException;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.redis.RedisSettings;
import io.streamback.internal.text.LogText;
import io.streamback.internal.text.Secrets;
import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses a streams string the way Python streamback does:
 * {@code main=kafka://host:port&feedback=redis://host:port&topics_prefix=P&group=G}. Messages of
 * the errors it throws mask passwords, and name the part that was wrong.
 *
 * <p>A user or password may hold any character written percent-encoded ({@code %40} for {@code @});
 * literal {@code :}, {@code @}, {@code /} and spaces in a password are read right too, and so is
 * a literal {@code &} unless it is followed by {@code word=}. The password is found with
 * {@link Secrets}, the same rules that mask it.
 */
public final class StreamsParser {
    private static final Set<String> KEYS = Set.of("main", "feedback", "topics_prefix", "group");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String ESCAPE_AMPERSAND = "; a & in a password must be written %26";

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
            throw new InvalidStreamsException("no main stream in '" + shown(streams)
                    + "': add main=kafka://host:port");
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
        boolean secretBefore = false;
        int index = 0;
        for (String part : Secrets.parts(streams.trim())) {
            index++;
            // A part after one holding a password may be that password's tail: then it is not quoted.
            boolean quiet = secretBefore || Secrets.holdsSecret(part);
            int eq = part.indexOf('=');
            String key = eq < 0 ? "" : part.substring(0, eq).trim();
            if (eq <= 0 || !IDENTIFIER.matcher(key).matches()) {
                throw new InvalidStreamsException(quiet ? "part " + index + " is not key=value" + ESCAPE_AMPERSAND
                        : "part '" + shown(part) + "' is not key=value");
            }
            if (!KEYS.contains(key)) {
                throw new InvalidStreamsException((quiet ? "part " + index + " has an unknown key"
                        : "unknown key '" + shown(key) + "' in part '" + shown(part) + "'")
                        + " (known: main, feedback, topics_prefix, group)" + (quiet ? ESCAPE_AMPERSAND : ""));
            }
            if (parts.put(key, part.substring(eq + 1).trim()) != null) {
                throw new InvalidStreamsException("key '" + shown(key) + "' is given twice");
            }
            secretBefore |= Secrets.holdsSecret(part);
        }
        return parts;
    }

    private static @Nullable String nonEmpty(Map<String, String> parts, String key) {
        String value = parts.get(key);
        if (value != null && value.isEmpty()) {
            throw new InvalidStreamsException("'" + shown(key) + "=' has no value");
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
        throw new InvalidStreamsException("main stream '" + shown(value)
                + "' must start with kafka:// or memory://");
    }

    private static Object parseFeedback(String value) {
        if (value.matches("(?s)rediss?(-sentinel|-cluster)?://.*")) {
            return parseRedis(value);
        }
        if (value.startsWith("memory://")) {
            return memory(value);
        }
        throw new InvalidStreamsException("feedback stream '" + shown(value)
                + "' must start with redis://, rediss://, redis-sentinel://, redis-cluster:// or memory://");
    }

    private static StreamsConfig.Memory memory(String value) {
        String name = value.substring("memory://".length());
        return new StreamsConfig.Memory(name.isEmpty() ? "default" : name);
    }

    /**
     * {@code [user@password:]host:port[,host:port...]}, the Python SASL/PLAIN form: the user runs to
     * the first {@code @}, the password to the {@code :} before the servers; both are percent-decoded.
     */
    private static KafkaSettings parseKafka(String rest, String whole) {
        String user = null;
        String password = null;
        String hosts = rest;
        int at = rest.indexOf('@');
        if (at >= 0) {
            int servers = Secrets.kafkaServersStart(rest);
            String rawUser = rest.substring(0, at);
            if (rawUser.isEmpty() || servers < 0) {
                throw new InvalidStreamsException("main stream '" + shown(whole) + "' must be"
                        + " kafka://user@password:host:port for SASL: the user, @, the password, :, the servers");
            }
            if (rawUser.indexOf(':') >= 0) {
                throw new InvalidStreamsException("the user of main stream '" + shown(whole) + "' holds a ':':"
                        + " the SASL form is kafka://user@password:host:port (a ':' in a user is written %3A)");
            }
            user = percentDecode(rawUser);
            password = percentDecode(rest.substring(at + 1, servers - 1));
            hosts = rest.substring(servers);
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
            throw new InvalidStreamsException("Kafka server '" + shown(server) + "' in '" + shown(whole)
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
        throw new InvalidStreamsException("port '" + shown(text) + "' in '" + shown(whole)
                + "' must be a number from 1 to 65535");
    }

    /**
     * {@code redis[s]://[[user]:password@]host[:port][/db]}, {@code redis[s]-sentinel://[[user]:password@]host:port[,host:port...][/db]#master}
     * or {@code redis[s]-cluster://[[user]:password@]host:port[,host:port...]}, each with an optional
     * {@code ?reads=auto|notifications|blocking}.
     */
    private static RedisSettings parseRedis(String value) {
        // The user and password run to the last @, so they may hold /, ?, #, spaces and @; only the
        // rest goes to URI, and no message quotes them.
        int schemeEnd = value.indexOf("://") + 3;
        int at = value.lastIndexOf('@');
        String userInfo = at < schemeEnd ? null : value.substring(schemeEnd, at);
        URI uri;
        try {
            uri = new URI(userInfo == null ? value : value.substring(0, schemeEnd) + value.substring(at + 1));
        } catch (URISyntaxException e) {
            throw new InvalidStreamsException("feedback stream '" + shown(value) + "' is not a valid URI: "
                    + e.getReason() + " in its servers, database, options or master name");
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
        List<RedisSettings.Node> nodes = new ArrayList<>();
        for (String hostPort : authority.split(",", -1)) {
            nodes.add(redisNode(hostPort.trim(), value, form, deployment == RedisSettings.Deployment.STANDALONE));
        }
        if (deployment == RedisSettings.Deployment.STANDALONE && nodes.size() > 1) {
            throw new InvalidStreamsException("feedback stream '" + shown(value) + "' names several servers:"
                    + " use redis-sentinel:// or redis-cluster:// for those, or " + form + " for one");
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = colon <= 0 ? null : percentDecode(userInfo.substring(0, colon));
            password = percentDecode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new InvalidStreamsException("database '" + shown(path.substring(1)) + "' in '"
                        + shown(value) + "' must be a number");
            }
            if (deployment == RedisSettings.Deployment.CLUSTER && database != 0) {
                throw new InvalidStreamsException("feedback stream '" + shown(value)
                        + "' names database " + database + ", but a Redis Cluster has only database 0");
            }
        }
        String master = uri.getFragment();
        if (deployment == RedisSettings.Deployment.SENTINEL && (master == null || master.isBlank())) {
            throw new InvalidStreamsException("feedback stream '" + shown(value)
                    + "' names no master: end it with #master-name, as in " + form);
        }
        if (deployment != RedisSettings.Deployment.SENTINEL && master != null) {
            throw new InvalidStreamsException("feedback stream '" + shown(value) + "' has '#" + shown(master)
                    + "', but only redis-sentinel:// takes a master name");
        }
        RedisSettings.Reads reads = reads(uri.getQuery(), value, deployment);
        return new RedisSettings(deployment, nodes, master, user, password, database, tls, reads);
    }

    private static RedisSettings.Node redisNode(String hostPort, String whole, String form, boolean defaultPort) {
        int portColon = hostPort.lastIndexOf(':');
        String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        if (host.isEmpty() || (portColon < 0 && !defaultPort)) {
            throw new InvalidStreamsException("feedback stream '" + shown(whole) + "' must be " + form);
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
            default -> throw new InvalidStreamsException("'?" + shown(query) + "' in feedback stream '"
                    + shown(whole) + "' is not known: the only option is ?reads=auto|notifications|blocking");
        };
        if (reads == RedisSettings.Reads.BLOCKING && deployment == RedisSettings.Deployment.CLUSTER) {
            throw new InvalidStreamsException("'?reads=blocking' in feedback stream '" + shown(whole)
                    + "' cannot work on a Redis Cluster: one BRPOP cannot wait on keys of several slots");
        }
        return reads;
    }

    /** Text of the streams string for a message: passwords masked, control characters escaped, cut. */
    private static String shown(String text) {
        return LogText.of(Secrets.mask(text));
    }

    /**
     * {@code text} with each {@code %XX} sequence read as UTF-8 bytes, as Python's
     * {@code urllib.parse.unquote} does: a {@code %} not followed by two hex digits stays as it is,
     * and {@code +} stays {@code +}.
     */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(text.charAt(i++));
        }
        return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
