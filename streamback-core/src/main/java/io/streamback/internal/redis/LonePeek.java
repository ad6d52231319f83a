package io.streamback.internal.redis;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking peek of a lone read. While a single read waits, it waits in
 * {@code BLMOVE key key RIGHT RIGHT} on a connection of its own: Redis answers as soon as the
 * list has an entry, with its oldest entry, and leaves the list as it was (the entry moves from
 * the tail to the tail). That saves the keyspace notification's trip through the loop and the
 * {@code LRANGE} after it, a round trip, for the request a caller waits for alone. The entry is
 * then handed over and removed like a peeked one; an answer lost with its connection loses
 * nothing, and a peek whose reader gave up needs no cancelling. At most one peek waits at a time,
 * for at most {@link #WAIT}; a server that refuses {@code BLMOVE} (Redis before 6.2, an ACL
 * without it) turns it off. Confined to the {@link CommandLoop}'s thread.
 */
final class LonePeek {
    private static final Logger LOG = LoggerFactory.getLogger(LonePeek.class);
    /** How long one peek blocks; a read that waits longer goes on with notifications. */
    static final Duration WAIT = Duration.ofSeconds(1);

    private final StatefulRedisConnection<String, String> connection;
    private final CommandLoop loop;
    private @Nullable String key;
    private long startedAt;
    private boolean off;

    /** Peeks on {@code connection}, a connection of its own that may reconnect by itself; results on {@code loop}. */
    LonePeek(StatefulRedisConnection<String, String> connection, CommandLoop loop) {
        this.connection = connection;
        this.loop = loop;
    }

    /** Whether a peek can start now. */
    boolean idle() {
        return !off && key == null;
    }

    /** Whether a peek of {@code list} waits, started recently enough that its answer is worth waiting for. */
    boolean waitsFor(String list) {
        return list.equals(key) && System.nanoTime() - startedAt < WAIT.toNanos();
    }

    /** Peeks at {@code list}; {@code then} gets its oldest entry, or null when none came in time or on an error. */
    void start(String list, BiConsumer<String, @Nullable String> then) {
        key = list;
        startedAt = System.nanoTime();
        connection.async().blmove(list, list, LMoveArgs.Builder.rightRight(), WAIT.toSeconds())
                .whenCompleteAsync((entry, error) -> {
                    key = null;
                    if (error != null) {
                        String message = RedisClients.rootMessage(error);
                        if (message.contains("unknown command") || message.startsWith("NOPERM")) {
                            off = true; // reads go by notifications alone, as before the peek
                            LOG.info("event=lone_peek_off reason=\"BLMOVE refused: {}\"", LogText.of(message));
                        } else {
                            LOG.debug("event=lone_peek_failed feedback_topic={} error={}", list, LogText.of(message));
                        }
                    }
                    then.accept(list, error == null ? entry : null);
                }, loop);
    }

    /**
     * Closes the peek's connection and waits until it is closed: the client's shutdown, which comes
     * next, warns about a connection whose close is still on its way.
     */
    void close() {
        connection.close();
    }
}
