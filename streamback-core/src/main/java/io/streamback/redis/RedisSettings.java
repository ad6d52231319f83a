package io.streamback.redis;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * Where the Redis server is: the {@code feedback=redis://...} part of a streams string.
 * {@link #toString()} never shows the password.
 *
 * @param host the server's host
 * @param port the server's port
 * @param username the ACL user, or null
 * @param password the password, or null
 * @param database the database number
 * @param tls whether to connect with TLS ({@code rediss://})
 */
public record RedisSettings(String host, int port, @Nullable String username, @Nullable String password,
        int database, boolean tls) {

    /** The Lettuce URI for these settings. */
    public RedisURI toUri() {
        RedisURI.Builder builder = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withSsl(tls);
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
        String auth = password == null ? "" : (username == null ? "" : username) + ":****@";
        return (tls ? "rediss://" : "redis://") + auth + host + ":" + port + (database == 0 ? "" : "/" + database);
    }
}
