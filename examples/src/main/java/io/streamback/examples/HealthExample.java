package io.streamback.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamback.Health;
import io.streamback.Streamback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Liveness and readiness probes over HTTP with the JDK's own server, and the health in a log line. */
public final class HealthExample {
    private static final Logger LOG = LoggerFactory.getLogger(HealthExample.class);

    private HealthExample() {
    }

    /** Serves /live and /ready on port 8081 while it listens. */
    public static void main(String[] args) throws IOException {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");
        streamback.listen("test_hello", (context, message) -> message.respond("hi"));
        streamback.startInBackground();

        HttpServer probes = HttpServer.create(new InetSocketAddress(8081), 0);
        probes.createContext("/live", exchange -> answer(exchange, streamback.health().liveness()));
        probes.createContext("/ready", exchange -> answer(exchange, streamback.health().readiness()));
        probes.start();

        logHealth(streamback);
    }

    /** 200 when the probe is up, else 503 with the reason. */
    private static void answer(HttpExchange exchange, Health.Probe probe) throws IOException {
        byte[] body = (probe.up() ? "up" : probe.reason()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(probe.up() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void logHealth(Streamback streamback) {
        Health health = streamback.health();
        if (!health.healthy()) {
            LOG.warn("unhealthy: {}", health.reason());
        }
        LOG.info("kafka {} reachable={} ({})", health.mainStream().address(), health.mainStream().reachable(),
                health.mainStream().detail());
        for (Health.GroupHealth group : health.workerGroups()) {
            LOG.info("group={} workers={}/{} lag={}", group.name(), group.workers(), group.desired(), group.lag());
        }
    }
}
