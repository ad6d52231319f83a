package io.streamback.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    private static final long STARTUP_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;
    private static final int MAX_ATTEMPTS_ON_FREE_PORT = 3;
    private static final int OUTPUT_LINES_KEPT = 20;

    private static final Object SHARED_LOCK = new Object();
    private static @Nullable EmbeddedRedis shared;

    private final Process process;
    private final int port;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedRedis(Process process, int port) {
        this.process = process;
        this.port = port;
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
        RedisBinary.Located binary = RedisBinary.locate();
        if (port != 0) {
            return launch(port, binary);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(Ports.free(), binary);
            } catch (IllegalStateException e) {
                if (attempt == MAX_ATTEMPTS_ON_FREE_PORT || !(e.getCause() instanceof BindException)) {
                    throw e;
                }
                LOG.debug("A free port was taken before Redis could bind it, retrying", e);
            }
        }
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
        stop(process);
        LOG.info("Stopped Redis on {}", uri());
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[" + uri() + (closed.get() ? ", closed]" : "]");
    }

    private static EmbeddedRedis launch(int port, RedisBinary.Located binary) {
        String where = "could not start Redis on " + Ports.HOST + ":" + port;
        if (!Ports.isFree(port)) {
            throw new IllegalStateException(where + ": port in use", new BindException("Address already in use"));
        }
        long startedAt = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(
                    binary.executable().toString(),
                    "--port", Integer.toString(port),
                    "--bind", Ports.HOST,
                    "--save", "",
                    "--appendonly", "no",
                    "--daemonize", "no")
                    .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot run " + binary + ": " + e.getMessage(), e);
        }
        Output output = Output.drain(process, port);
        try {
            awaitPong(process, port, output, where);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        EmbeddedRedis redis = new EmbeddedRedis(process, port);
        LOG.info("Started Redis on {} in {} ms using {}",
                redis.uri(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), binary);
        return redis;
    }

    private static void awaitPong(Process process, int port, Output output, String where) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MS);
        while (true) {
            if (!process.isAlive()) {
                String log = output.lastLines();
                String reason = log.contains("Address already in use") ? "port in use" : "redis-server exited";
                throw new IllegalStateException(
                        where + ": " + reason + " (exit code " + exitCode(process) + "). Output:\n" + log,
                        reason.equals("port in use") ? new BindException("Address already in use") : null);
            }
            if (answersPing(port)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(where + ": no PONG within " + STARTUP_TIMEOUT_MS
                        + " ms. Output:\n" + output.joined());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted while waiting for PONG", e);
            }
        }
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.HOST, port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] expected = "+PONG".getBytes(StandardCharsets.US_ASCII);
            InputStream in = socket.getInputStream();
            for (byte b : expected) {
                if (in.read() != b) {
                    return false;
                }
            }
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("redis-server (pid {}) did not stop within {} ms, killing it", process.pid(), STOP_TIMEOUT_MS);
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException stillRunning) {
            return "none";
        }
    }

    /** Reads the child's output on a daemon thread, logs it at debug and keeps the last lines. */
    private static final class Output {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread reader;

        private Output(Process process, int port) {
            this.reader = new Thread(() -> read(process.getInputStream(), port), "redis-server-" + port + "-output");
            this.reader.setDaemon(true);
        }

        static Output drain(Process process, int port) {
            Output output = new Output(process, port);
            output.reader.start();
            return output;
        }

        private void read(InputStream in, int port) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    LOG.debug("[redis-server :{}] {}", port, line);
                    synchronized (lines) {
                        if (lines.size() == OUTPUT_LINES_KEPT) {
                            lines.removeFirst();
                        }
                        lines.addLast(line);
                    }
                }
            } catch (IOException closed) {
                // process ended
            }
        }

        /** Returns the last lines of output; call after the process exited to get all of them. */
        String lastLines() {
            if (!reader.isAlive()) {
                return joined();
            }
            try {
                reader.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return joined();
        }

        private String joined() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
