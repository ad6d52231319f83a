package io.streamback.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.testkit.EmbeddedRedis;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A redis-server a fault test owns and hurts: killed ({@code SIGKILL}), stopped, paused
 * ({@code SIGSTOP}/{@code SIGCONT}) and started again on the same port. The pid comes from
 * {@code INFO server}, so the test kit needs no accessor for it.
 */
final class OwnedRedis implements AutoCloseable {
    private final int port;
    private EmbeddedRedis server;
    private long pid;
    private boolean paused;

    private OwnedRedis(EmbeddedRedis server) {
        this.server = server;
        this.port = server.port();
        this.pid = readPid();
    }

    static OwnedRedis start() {
        return new OwnedRedis(EmbeddedRedis.start(0));
    }

    int port() {
        return port;
    }

    long pid() {
        return pid;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** A streams string: the shared embedded Kafka, this server for feedback, plus {@code query} (e.g. "?reads=blocking"). */
    String streams(String query) {
        return "main=kafka://" + ItSupport.bootstrapServers() + "&feedback=" + uri() + query;
    }

    /** {@code SIGKILL}: the server and everything in it are gone at once. */
    void kill() {
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
        server.close(); // the process is gone: only unregisters the kit's shutdown hook
    }

    /** A clean stop ({@code SIGTERM}). */
    void stop() {
        server.close();
    }

    /** A new, empty server on the same port. */
    void restart() {
        server.close();
        server = EmbeddedRedis.start(port);
        pid = readPid();
    }

    void pause() {
        signal("-STOP");
        paused = true;
    }

    void resume() {
        signal("-CONT");
        paused = false;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A plain Lettuce connection to this server (no password); close it when done. */
    Raw raw() {
        return new Raw(uri());
    }

    private long readPid() {
        try (Raw raw = raw()) {
            for (String line : raw.sync().info("server").split("\\R")) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).trim());
                }
            }
        }
        throw new IllegalStateException("no process_id in INFO server of " + uri());
    }

    @Override
    public void close() {
        if (paused) {
            resume();
        }
        server.close();
    }

    /** A raw connection, for what the library must not influence. */
    static final class Raw implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        Raw(String uri) {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setClientName(ItSupport.unique("it-raw-redis"));
            redisUri.setTimeout(Duration.ofSeconds(10));
            client = RedisClient.create(redisUri);
            connection = client.connect();
        }

        RedisCommands<String, String> sync() {
            return connection.sync();
        }

        /** The {@code id=} of every connection whose {@code name=} is {@code name}. */
        List<Long> clientIdsNamed(String name) {
            return clientIds(name, null);
        }

        /** The {@code id=} of every connection named {@code name} blocked in {@code command} now ({@code flags=b}). */
        List<Long> clientIdsBlockedIn(String name, String command) {
            return clientIds(name, command);
        }

        private List<Long> clientIds(String name, @Nullable String command) {
            List<Long> ids = new ArrayList<>();
            for (String line : sync().clientList().split("\\R")) {
                List<String> fields = List.of(line.trim().split(" "));
                String id = fields.stream().filter(field -> field.startsWith("id=")).findFirst().orElse(null);
                boolean blocked = fields.stream().anyMatch(field -> field.startsWith("flags=") && field.contains("b"));
                if (id != null && fields.contains("name=" + name)
                        && (command == null || blocked && fields.contains("cmd=" + command))) {
                    ids.add(Long.parseLong(id.substring(3)));
                }
            }
            return ids;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
