package io.streamback.cli;

import io.streamback.Message;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The demo's consumer application: one listener per kind of exchange. */
final class DemoConsumer implements AutoCloseable {
    static final String NAME = "demo_consumer";
    static final String PING = "demo_ping";
    static final String LOG = "demo_log";
    static final String GREET = "demo_greet";
    static final String COUNT = "demo_count";

    private final Streamback app;
    private final BlockingQueue<Long> logged = new LinkedBlockingQueue<>();

    private DemoConsumer(Streamback app) {
        this.app = app;
    }

    /** Starts the consumer on {@code streams}; its listeners run on their own threads. */
    static DemoConsumer start(String streams) {
        DemoConsumer consumer = new DemoConsumer(Streamback.create(NAME, streams));
        consumer.app
                .listen(PING, (Message message) -> message.respond("pong"))
                .listen(LOG, (Message message) -> consumer.logged.add(System.nanoTime()))
                .listen(GREET, DemoConsumer::greet)
                .listen(COUNT, DemoConsumer::count)
                .startInBackground();
        return consumer;
    }

    /**
     * When the next one-way message reached the {@code demo_log} listener, as a {@link System#nanoTime()} reading.
     *
     * @throws IllegalStateException when none arrives within {@code timeout}
     */
    long awaitLogged(Duration timeout) throws InterruptedException {
        Long receivedAt = logged.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (receivedAt == null) {
            throw new IllegalStateException("the consumer did not get the one-way message within " + timeout);
        }
        return receivedAt;
    }

    /** Replies {@code "Hello, NAME!"}; fails when the name is missing or blank. */
    private static void greet(Message message) {
        Object name = field(message, "name");
        if (name == null || name.toString().isBlank()) {
            throw new IllegalArgumentException("name is missing");
        }
        message.respond("Hello, " + name + "!");
    }

    /** Replies 1, 2, ... up to {@code count}, one reply each. */
    private static void count(Message message) {
        Object count = field(message, "count");
        int to = count instanceof Number number ? number.intValue() : 0;
        for (int i = 1; i <= to; i++) {
            message.respond(i);
        }
    }

    private static @Nullable Object field(Message message, String name) {
        return message.value() instanceof Map<?, ?> map ? map.get(name) : null;
    }

    @Override
    public void close() {
        app.close();
    }
}
