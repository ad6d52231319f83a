package io.streamback.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.Callback;
import io.streamback.RetryStrategy;
import io.streamback.Streamback;
import io.streamback.WorkerMode;
import java.time.Duration;
import java.util.Map;

/**
 * The application {@link PoisonRecordFaultIT} runs in its own JVM: one worker (a thread, or a
 * child JVM in process mode) whose listener dies of an {@link OutOfMemoryError} on a message
 * marked {@code poison} and answers the others. Each worker start and each poisoned try is counted
 * in Redis. Like any process-mode main it runs again in every child.
 *
 * <p>Arguments: streams, app name, topic, dead-letter topic, Redis URI, key prefix, worker mode.
 */
public final class PoisonApp {
    private PoisonApp() {
    }

    /** Starts the instance and blocks until SIGTERM. */
    public static void main(String[] args) {
        String keys = args[5];
        RedisClient client = RedisClient.create(args[4]);
        RedisCommands<String, String> redis = client.connect().sync();
        Streamback streamback = FaultSupport.quickSessionTimeout(Streamback.builder(args[1]).streams(args[0]))
                .workers(WorkerMode.valueOf(args[6]))
                .rescaleInterval(Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
        streamback.addCallback(new Callback() {
            @Override
            public void onWorkerStart(Streamback instance) {
                redis.incr(keys + ":workers");
            }
        });
        streamback.listen(args[2], RetryStrategy.none().deadLetterTopic(args[3]), message -> {
            if (Boolean.TRUE.equals(message.map(Map.class).get("poison"))) {
                redis.incr(keys + ":poisoned");
                throw new OutOfMemoryError("the test's poison");
            }
            message.respond("ok");
        });
        try {
            streamback.start();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
