package io.streamback.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redis-server} child process on {@code 127.0.0.1}: launched, its output drained and
 * kept, awaited until it answers {@code PING}, and stopped ({@code SIGTERM}) or killed
 * ({@code SIGKILL}).
 */
final class RedisProcess {

    private static final Logger LOG = LoggerFactory.getLogger(RedisProcess.class);

    static final long STARTUP_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;
    private static final int MAX_ATTEMPTS_ON_FREE_PORT = 3;
    private static final int OUTPUT_LINES_KEPT = 20;

    private final Process process;
    private final int port;
    private final String name;
    private final Output output;

    private RedisProcess(Process process, int port, String name, Output output) {
        this.process = process;
        this.port = port;
        this.name = name;
        this.output = output;
    }

    /**
     * Starts {@code redis-server args...} in {@code dir} and returns once it answers {@code PING}.
     *
     * @param name a short label for logs and errors, e.g. "Redis" or "Redis Sentinel"
     * @param port the port the arguments make it listen on
     * @throws IllegalStateException if it does not come up; the cause is a {@link BindException}
     *         if the port was in use
     */
    static RedisProcess launch(String name, int port, List<String> args, Path dir) {
        String where = "could not start " + name + " on " + Ports.HOST + ":" + port;
        if (!Ports.isFree(port)) {
            throw new IllegalStateException(where + ": port in use", new BindException("Address already in use"));
        }
        RedisBinary.Located binary = RedisBinary.locate();
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(binary.executable().toString());
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot run " + binary + ": " + e.getMessage(), e);
        }
        RedisProcess redis = new RedisProcess(process, port, name, Output.drain(process, port));
        try {
            redis.awaitPing(where);
        } catch (RuntimeException e) {
            redis.stop();
            throw e;
        }
        LOG.debug("Started {} on {}:{} (pid {}) using {}", name, Ports.HOST, port, process.pid(), binary);
        return redis;
    }

    /**
     * Calls {@code launcher} with ports from {@code freePort} until one is not taken by someone
     * else in the meantime (a few attempts).
     */
    static <T> T onFreePort(IntSupplier freePort, IntFunction<T> launcher) {
        for (int attempt = 1; ; attempt++) {
            try {
                return launcher.apply(freePort.getAsInt());
            } catch (IllegalStateException e) {
                if (attempt == MAX_ATTEMPTS_ON_FREE_PORT || !(e.getCause() instanceof BindException)) {
                    throw e;
                }
                LOG.debug("A free port was taken before Redis could bind it, retrying", e);
            }
        }
    }

    int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Throws an {@link IllegalStateException} with the last output lines if the process has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " on " + Ports.HOST + ":" + port + " exited (exit code "
                    + exitCode() + "). Output:\n" + output.lastLines());
        }
    }

    /** Returns the last lines the process printed, prefixed with its name and port. */
    String describeOutput() {
        return "\n--- last output of " + name + " on " + Ports.HOST + ":" + port
                + (process.isAlive() ? " ---\n" + output.joined()
                        : " (exited, code " + exitCode() + ") ---\n" + output.lastLines());
    }

    /** Stops the process with {@code SIGTERM}, escalating to {@code SIGKILL}; waits until it is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("redis-server (pid {}) did not stop within {} ms, killing it", process.pid(), STOP_TIMEOUT_MS);
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process with {@code SIGKILL} and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPing(String where) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MS);
        while (true) {
            if (!process.isAlive()) {
                String log = output.lastLines();
                boolean portInUse = log.contains("Address already in use");
                String reason = portInUse ? "port in use" : "redis-server exited";
                throw new IllegalStateException(
                        where + ": " + reason + " (exit code " + exitCode() + "). Output:\n" + log,
                        portInUse ? new BindException("Address already in use") : null);
            }
            if (RespClient.answersPing(port)) {
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

    private String exitCode() {
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
            if (reader.isAlive()) {
                try {
                    reader.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return joined();
        }

        String joined() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
