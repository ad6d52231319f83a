package io.streamback.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes connections on a port of its own and passes them on to a Redis server: TLS connections
 * are decrypted first, plain ones (the first byte tells them apart) pass as they are, so Redis's
 * own replication and sentinels can use the same address as TLS clients. Made by
 * {@link RedisTls#front}; a connection whose server goes away is closed.
 */
public final class RedisTlsFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTlsFront.class);
    /** The first byte of a TLS handshake record. */
    private static final int TLS_HANDSHAKE = 0x16;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ServerSocket server;
    private final int target;
    private final SSLSocketFactory tls;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tlsConnections = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "streamback-redis-tls-front-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private RedisTlsFront(ServerSocket server, int target, SSLSocketFactory tls) {
        this.server = server;
        this.target = target;
        this.tls = tls;
    }

    static RedisTlsFront start(int target, SSLSocketFactory tls) {
        try {
            RedisTlsFront front = new RedisTlsFront(new ServerSocket(0, 128, InetAddress.getByName(Ports.HOST)),
                    target, tls);
            front.threads.execute(front::accept);
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a TLS front for " + Ports.HOST + ":" + target, e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections came with TLS so far (plain ones are not counted). */
    public int tlsConnections() {
        return tlsConnections.get();
    }

    /** Stops taking connections and closes those it passes on. Does nothing if already closed. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", this, e.toString());
        }
        open.forEach(RedisTlsFront::closeQuietly);
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "RedisTlsFront[" + Ports.HOST + ":" + port() + " -> " + target + "]";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("{} stopped taking connections: {}", this, e.toString());
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket front = client;
        Socket back = null;
        try {
            client.setTcpNoDelay(true);
            int first = client.getInputStream().read();
            if (first < 0) {
                return;
            }
            back = new Socket(Ports.HOST, target);
            back.setTcpNoDelay(true);
            open.add(back);
            if (first == TLS_HANDSHAKE) {
                SSLSocket secured = (SSLSocket) tls.createSocket(client, new ByteArrayInputStream(new byte[] {
                        (byte) first}), true);
                secured.setUseClientMode(false);
                secured.startHandshake();
                front = secured;
                open.add(secured);
                tlsConnections.incrementAndGet();
            } else {
                back.getOutputStream().write(first);
            }
            Socket from = front;
            Socket to = back;
            threads.execute(() -> pump(from, to));
            pump(back, front);
        } catch (IOException e) {
            LOG.debug("{}: a connection ended: {}", this, e.toString());
        } finally {
            release(front);
            release(client);
            if (back != null) {
                release(back);
            }
        }
    }

    /** Copies what {@code from} reads to {@code to} until either closes, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("{}: a connection ended: {}", this, e.toString());
        } finally {
            release(from);
            release(to);
        }
    }

    private void release(Socket socket) {
        open.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing what already failed
        }
    }
}
