package io.streamback.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The application {@link HungListenerFaultIT} runs in its own JVM: its listener, without a
 * processing timeout, never returns and ignores interrupts, after saying in Redis that it entered.
 *
 * <p>Arguments: streams, app name, topic, Redis URI, key prefix.
 */
public final class HungListenerApp {
    private HungListenerApp() {
    }

    /** Starts the instance and blocks until SIGTERM. */
    public static void main(String[] args) {
        RedisClient client = RedisClient.create(args[3]);
        RedisCommands<String, String> redis = client.connect().sync();
        Streamback streamback = FaultSupport.quickSessionTimeout(Streamback.builder(args[1]).streams(args[0]))
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        streamback.listen(args[2], message -> {
            redis.incr(args[4] + ":entered");
            while (true) {
                LockSupport.park(); // returns on interrupt, and goes on waiting
            }
        });
        streamback.start();
    }
}
