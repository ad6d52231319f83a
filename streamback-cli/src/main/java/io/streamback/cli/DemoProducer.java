package io.streamback.cli;

import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's producer side: runs each kind of exchange against {@link DemoConsumer} and says what happened. */
final class DemoProducer {
    static final String NAME = "demo_producer";
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Streamback app;
    private final DemoConsumer consumer;
    private final PrintWriter out;

    DemoProducer(Streamback app, DemoConsumer consumer, PrintWriter out) {
        this.app = app;
        this.consumer = consumer;
        this.out = out;
    }

    /** Runs every exchange in turn. */
    void run() throws InterruptedException {
        warmUp();
        oneWay();
        rpc();
        streaming();
        remoteError();
    }

    private void warmUp() {
        say("Waiting for the consumer to join its consumer group...");
        Stopwatch stopwatch = Stopwatch.start();
        app.send(DemoConsumer.PING, "ping").read(WARM_UP_TIMEOUT);
        say("  ready after " + stopwatch.seconds() + " (later messages skip this)");
        say("");
    }

    private void oneWay() throws InterruptedException {
        Map<String, Object> value = Map.of("text", "Hi there");
        Stopwatch stopwatch = Stopwatch.start();
        app.send(DemoConsumer.LOG, value);
        long receivedAt = consumer.awaitLogged(TIMEOUT);
        say("One-way: sent " + JsonLines.toJson(value) + " to " + DemoConsumer.LOG
                + " -> the consumer got it after " + stopwatch.millisTo(receivedAt) + " (no reply expected)");
    }

    private void rpc() {
        Map<String, Object> value = Map.of("name", "Ada");
        Stopwatch stopwatch = Stopwatch.start();
        Object reply = app.send(DemoConsumer.GREET, value).read(TIMEOUT);
        say("RPC: sent " + JsonLines.toJson(value) + " -> got " + JsonLines.toJson(reply) + " in "
                + stopwatch.millis());
    }

    private void streaming() {
        Map<String, Object> value = Map.of("count", 3);
        Stopwatch stopwatch = Stopwatch.start();
        FeedbackLane lane = app.send(DemoConsumer.COUNT, value);
        List<String> replies = new ArrayList<>();
        for (Object reply : lane.stream(TIMEOUT)) {
            replies.add(JsonLines.toJson(reply) + " (" + stopwatch.millis() + ")");
        }
        say("Streaming: sent " + JsonLines.toJson(value) + " -> got " + String.join(", ", replies)
                + ", then the end marker at " + stopwatch.millis());
    }

    private void remoteError() {
        Map<String, Object> value = Map.of("name", "");
        Stopwatch stopwatch = Stopwatch.start();
        try {
            Object reply = app.send(DemoConsumer.GREET, value).read(TIMEOUT);
            throw new IllegalStateException("expected a remote error, got the reply " + JsonLines.toJson(reply));
        } catch (FeedbackException e) {
            say("Remote error: sent " + JsonLines.toJson(value) + " -> consumer group " + e.sourceGroup()
                    + " failed with " + e.remoteError() + " in " + stopwatch.millis());
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
