package io.streamback.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The optional authentication of embedded Redis data nodes: a {@code requirepass} password for
 * the default user (also used as {@code masterauth} between replicas and masters), and an ACL
 * user with full access created with {@code ACL SETUSER} once a node is up.
 */
record RedisAuth(@Nullable String password, @Nullable String aclUser, @Nullable String aclPassword) {

    static final RedisAuth NONE = new RedisAuth(null, null, null);

    RedisAuth {
        if ((aclUser == null) != (aclPassword == null)) {
            throw new IllegalArgumentException("an ACL user needs both a name and a password");
        }
        requireToken(password, "password");
        requireToken(aclUser, "ACL user");
        requireToken(aclPassword, "ACL password");
    }

    RedisAuth withPassword(String newPassword) {
        return new RedisAuth(newPassword, aclUser, aclPassword);
    }

    RedisAuth withAclUser(String user, String userPassword) {
        return new RedisAuth(password, user, userPassword);
    }

    /** Returns the {@code redis-server} arguments: {@code --requirepass} and {@code --masterauth}. */
    List<String> serverArgs() {
        List<String> args = new ArrayList<>();
        if (password != null) {
            args.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        return args;
    }

    /** Creates the ACL user, if any, on the node at {@code port}; call after each (re)start. */
    void createUser(int port) {
        if (aclUser == null || aclPassword == null) {
            return;
        }
        try (RespClient client = RespClient.connect(port, password)) {
            client.call("ACL", "SETUSER", aclUser, "reset", "on", ">" + aclPassword, "~*", "&*", "+@all");
        } catch (IOException e) {
            throw new IllegalStateException("could not create ACL user " + aclUser + " on " + Ports.HOST + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    private static void requireToken(@Nullable String value, String what) {
        if (value != null && (value.isEmpty() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"'))) {
            throw new IllegalArgumentException(what + " must be non-empty, without spaces or quotes");
        }
    }
}
