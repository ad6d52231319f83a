package io.streamback.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.streamback.StreambackException;
import io.streamback.spi.FeedbackStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The feedback stream on Redis, as Python streamback uses it: a reply is {@code LPUSH key json}
 * then {@code EXPIRE key ttl}; a read pops the oldest entry ({@code BRPOP}).
 *
 * <p>Two connections serve any number of waiting reads: one pipelined connection for writes, and
 * one on which a single dispatcher thread blocks in {@code BRPOP} over every waited-for key.
 */
public final class RedisFeedbackStream implements FeedbackStream {
    private final RedisSettings settings;
    private final RedisURI uri;
    private final RedisClient client = RedisClient.create();
    private @Nullable StatefulRedisConnection<String, String> commands;
    private @Nullable FeedbackDispatcher dispatcher;
    private boolean closed;

    /**
     * A feedback stream on the server {@code settings} names; it connects on first use.
     * {@code clientName} names its connections in {@code CLIENT LIST}.
     */
    public RedisFeedbackStream(RedisSettings settings, String clientName) {
        this.settings = settings;
        RedisURI base = settings.toUri();
        base.setClientName(clientName);
        this.uri = base;
    }

    private synchronized StatefulRedisConnection<String, String> commands() {
        if (closed) {
            throw new IllegalStateException("the feedback stream " + settings + " is closed");
        }
        if (commands == null) {
            commands = connect();
        }
        return commands;
    }

    private synchronized FeedbackDispatcher dispatcher() {
        StatefulRedisConnection<String, String> writer = commands();
        if (dispatcher == null) {
            dispatcher = new FeedbackDispatcher(connect(), writer.async());
        }
        return dispatcher;
    }

    private StatefulRedisConnection<String, String> connect() {
        try {
            return client.connect(uri);
        } catch (RedisException e) {
            throw new StreambackException("cannot connect to the feedback stream " + settings + ": "
                    + e.getMessage() + "; check the feedback=redis://host:port part of the streams string", e);
        }
    }

    @Override
    public CompletableFuture<Void> push(String key, String entry, Duration ttl) {
        RedisAsyncCommands<String, String> async;
        try {
            async = commands().async();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> pushed = async.lpush(key, entry).toCompletableFuture();
        CompletableFuture<Boolean> expiring = async.expire(key, Math.max(1, ttl.toSeconds())).toCompletableFuture();
        return CompletableFuture.allOf(pushed, expiring);
    }

    @Override
    public CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
        try {
            return dispatcher().pop(key, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@code SET key 1 NX PX ttl} on the write connection. */
    @Override
    public CompletableFuture<Boolean> claim(String key, Duration ttl) {
        RedisAsyncCommands<String, String> async;
        try {
            async = commands().async();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        SetArgs ifAbsent = SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()));
        return async.set(key, "1", ifAbsent).toCompletableFuture().thenApply("OK"::equals);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
