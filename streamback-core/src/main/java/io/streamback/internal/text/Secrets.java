package io.streamback.internal.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the passwords of a streams string are, and the string with them masked. The streams
 * parser finds passwords with the same methods, so what it reads as a password is what is
 * masked. Not public API.
 */
public final class Secrets {
    /** What a password is replaced by. */
    public static final String MASK = "****";

    /** An {@code &} that starts a part: followed by a key and {@code =}, another {@code &} or the end. */
    private static final Pattern PART_START = Pattern.compile("&(?=\\s*[A-Za-z_][A-Za-z0-9_]*\\s*(?:=|&|$))");
    private static final Set<String> KNOWN_KEYS = Set.of("main", "feedback", "topics_prefix", "group");
    private static final Pattern KEY = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");
    private static final Pattern REDIS_SCHEME = Pattern.compile("(?i)rediss?(?:-sentinel|-cluster)?://");
    /** {@code host:port[,host:port...]}: each server has exactly one {@code :} and no {@code @}. */
    private static final Pattern KAFKA_SERVERS =
            Pattern.compile("(?:\\[[^\\]@,]*\\]|[^\\[\\]:,@]+):[^:,@]*(?:,(?:\\[[^\\]@,]*\\]|[^\\[\\]:,@]+):[^:,@]*)*");

    private Secrets() {
    }

    /**
     * The {@code key=value} parts of a streams string: it is cut at each {@code &} followed by a
     * key, so a literal {@code &} inside a password (not followed by {@code word=}) stays in its part.
     */
    public static List<String> parts(String streams) {
        return List.of(PART_START.split(streams, -1));
    }

    /**
     * Where the servers start in the text after {@code kafka://} of the SASL form
     * {@code user@password:host:port[,host:port...]}: after the first {@code :} past the first
     * {@code @} that is followed by nothing but servers, so the password may hold {@code :},
     * {@code @} and {@code ,}. -1 when no such {@code :} exists.
     */
    public static int kafkaServersStart(String address) {
        int at = address.indexOf('@');
        if (at < 0) {
            return -1;
        }
        for (int colon = address.indexOf(':', at + 1); colon >= 0; colon = address.indexOf(':', colon + 1)) {
            if (KAFKA_SERVERS.matcher(address).region(colon + 1, address.length()).matches()) {
                return colon + 1;
            }
        }
        return -1;
    }

    /**
     * {@code text}, a streams string or text holding one, with every password replaced by
     * {@link #MASK}: in {@code kafka://user@password:host:port} the password, or everything after
     * {@code kafka://} when the servers cannot be told apart from it; in {@code redis://user:password@host}
     * (and the other Redis schemes) what lies between the user and the last {@code @}; in any other
     * {@code scheme://...@...} everything after {@code ://}; and any part that follows a part
     * holding a password but does not start with a streams key ({@code main=} and the like), since
     * it may be the tail of that password.
     */
    public static String mask(String text) {
        List<String> masked = new ArrayList<>();
        boolean secretBefore = false;
        for (String part : parts(text)) {
            String one = secretBefore && !hasKnownKey(part) ? MASK : maskPart(part);
            secretBefore |= !one.equals(part);
            masked.add(one);
        }
        return String.join("&", masked);
    }

    /**
     * Whether {@code part}, one of {@link #parts(String)}, holds a password, or may hold the tail of
     * one: it holds an {@code @}, or masking changes it.
     */
    public static boolean holdsSecret(String part) {
        return part.indexOf('@') >= 0 || !maskPart(part).equals(part);
    }

    private static boolean hasKnownKey(String part) {
        int eq = part.indexOf('=');
        return isKeyValue(part) && KNOWN_KEYS.contains(part.substring(0, eq).trim());
    }

    private static boolean isKeyValue(String part) {
        int eq = part.indexOf('=');
        return eq > 0 && KEY.matcher(part).region(0, eq).matches();
    }

    private static String maskPart(String part) {
        int eq = part.indexOf('=');
        return isKeyValue(part) ? part.substring(0, eq + 1) + maskAddress(part.substring(eq + 1)) : maskAddress(part);
    }

    /** One address (the value of a part) with its password masked. */
    private static String maskAddress(String value) {
        Matcher scheme = SCHEME.matcher(value);
        if (!scheme.find()) {
            return value.indexOf('@') < 0 ? value : MASK;
        }
        String prefix = value.substring(0, scheme.end());
        String address = value.substring(scheme.end());
        String name = scheme.group().toLowerCase(Locale.ROOT);
        if (address.indexOf('@') < 0) {
            // redis://:password without a server: no host starts with ':'.
            return REDIS_SCHEME.matcher(name).matches() && address.startsWith(":") ? prefix + MASK : value;
        }
        if (name.equals("kafka://")) {
            int servers = kafkaServersStart(address);
            String user = address.substring(0, address.indexOf('@'));
            if (servers < 0 || user.isEmpty() || user.indexOf(':') >= 0) {
                return prefix + MASK;
            }
            return prefix + user + "@" + MASK + ":" + address.substring(servers);
        }
        if (REDIS_SCHEME.matcher(name).matches()) {
            int at = address.lastIndexOf('@');
            int colon = address.indexOf(':');
            String user = colon < 0 || colon > at ? null : address.substring(0, colon);
            return prefix + (user == null ? "" : user + ":") + MASK + address.substring(at);
        }
        return prefix + MASK;
    }

    /**
     * {@code user} as written in a streams string: {@code %}, {@code @}, {@code :}, {@code &},
     * {@code /}, {@code ?}, {@code #}, whitespace and control characters percent-encoded, so that
     * a rendered address reads back the same and shows where the user ends.
     */
    public static String encodeUser(String user) {
        StringBuilder out = new StringBuilder(user.length());
        user.codePoints().forEach(c -> {
            if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || Character.isWhitespace(c) || "%@:&/?#".indexOf(c) >= 0) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xff));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
