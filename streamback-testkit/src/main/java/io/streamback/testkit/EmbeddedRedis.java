package io.streamback.testkit;

import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server ({@code redis-server}) running as a child process, listening on
 * {@code 127.0.0.1} only, without persistence.
 *
 * <p>Uses {@code redis-server} from {@code PATH} when there is one, otherwise the Linux/macOS
 * binary bundled with {@code com.github.codemonstur:embedded-redis}.
 *
 * @see EmbeddedRedisCluster
 * @see EmbeddedRedisSentinel
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable EmbeddedRedis shared;

    private final RedisProcess process;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedRedis(RedisProcess process) {
        this.process = process;
        this.port = process.port();
        this.shutdownHook = ShutdownHooks.register("streamback-redis-" + port + "-shutdown", this::close);
    }

    /**
     * Returns the server shared by everything in this JVM, starting it on a free port on first
     * use. It is stopped when the JVM exits.
     *
     * @throws IllegalStateException if the server cannot be started
     */
    public static EmbeddedRedis shared() {
        synchronized (SHARED_LOCK) {
            EmbeddedRedis current = shared;
            if (current == null || current.closed.get() || !current.process.isAlive()) {
                if (current != null) {
                    current.close();
                }
                current = start(0);
                shared = current;
            }
            return current;
        }
    }

    /**
     * Starts a new server that the caller owns and must {@link #close()} (it is also stopped
     * when the JVM exits). Returns once the server answers {@code PING}.
     *
     * @param port the port, or {@code 0} for a free port
     * @throws IllegalArgumentException if {@code port} is not between 0 and 65535
     * @throws IllegalStateException if the server cannot be started, e.g. the port is in use
     */
    public static EmbeddedRedis start(int port) {
        Ports.checkRange(port);
        RedisBinary.locate(); // fail early, before any port is tried, if there is no binary
        if (port != 0) {
            return launch(port);
        }
        return RedisProcess.onFreePort(Ports::free, EmbeddedRedis::launch);
    }

    /** Returns the port the server listens on. */
    public int port() {
        return port;
    }

    /** Returns the server address as a URI, e.g. {@code redis://127.0.0.1:6379}. */
    public String uri() {
        return "redis://" + Ports.HOST + ":" + port;
    }

    /** Stops the server. Does nothing if already closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ShutdownHooks.unregister(shutdownHook);
        process.stop();
        LOG.info("Stopped Redis on {}", uri());
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[" + uri() + (closed.get() ? ", closed]" : "]");
    }

    /** @throws IllegalStateException with a {@link BindException} cause if the port is in use */
    private static EmbeddedRedis launch(int port) {
        long startedAt = System.nanoTime();
        RedisProcess process = RedisProcess.launch("Redis", port, List.of(
                        "--port", Integer.toString(port),
                        "--bind", Ports.HOST,
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no"),
                Path.of(System.getProperty("java.io.tmpdir")));
        EmbeddedRedis redis = new EmbeddedRedis(process);
        LOG.info("Started Redis on {} in {} ms using {}",
                redis.uri(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), RedisBinary.locate());
        return redis;
    }
}
