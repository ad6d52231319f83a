package io.streamback.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks TCP ports on the loopback address. */
final class Ports {

    /** The only address the embedded servers bind to. */
    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** Returns a port that is currently free on {@value #HOST}. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + HOST, e);
        }
    }

    /**
     * Returns a free port {@code p} whose companion {@code p + offset} is free too, e.g. for a
     * Redis Cluster node, whose cluster bus always listens on {@code port + 10000} before Redis 7.
     */
    static int freeWithCompanion(int offset) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = free();
            if (port + offset <= 65_535 && isFree(port + offset)) {
                return port;
            }
        }
        throw new IllegalStateException("could not find a free port p on " + HOST + " with p+" + offset + " free too");
    }

    /** Returns whether {@code port} can currently be bound on {@value #HOST}. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws if {@code port} is not a valid port number (0 means "any free port"). */
    static void checkRange(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }
}
