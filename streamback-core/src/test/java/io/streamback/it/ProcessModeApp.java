package io.streamback.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.Callback;
import io.streamback.Streamback;
import io.streamback.WorkerMode;
import io.streamback.ext.AutoRestart;
import java.time.Duration;
import java.util.Map;

/**
 * The application {@link ProcessModeIT} runs as a separate JVM: a process-mode instance whose
 * children announce themselves in Redis when their worker starts, record the ids of one-way
 * messages in a Redis hash, and answer other messages with their pid. Like any process-mode main it
 * runs again in every child.
 *
 * <p>Arguments: streams, app name, topic, Redis URI, Redis key prefix, pool workers, AutoRestart
 * max age in seconds (0: none).
 */
public final class ProcessModeApp {
    private static final long PID = ProcessHandle.current().pid();

    private ProcessModeApp() {
    }

    /** Starts the instance and blocks until SIGTERM. */
    public static void main(String[] args) {
        String streams = args[0];
        String app = args[1];
        String topic = args[2];
        String keys = args[4];
        int workers = Integer.parseInt(args[5]);
        long maxAgeSeconds = Long.parseLong(args[6]);
        RedisClient client = RedisClient.create(args[3]);
        RedisCommands<String, String> redis = client.connect().sync();

        Streamback streamback = FaultSupport.quickSessionTimeout(Streamback.builder(app).streams(streams))
                .workers(WorkerMode.PROCESSES)
                .poolConcurrency(workers)
                .shutdownTimeout(Duration.ofSeconds(10))
                .build();
        streamback.addCallback(new Callback() {
            @Override
            public void onWorkerStart(Streamback instance) {
                redis.rpush(keys + ":announce", Long.toString(PID));
            }

            @Override
            public void onTick(Streamback instance) {
                redis.set(keys + ":ticker", Long.toString(PID));
            }
        });
        if (maxAgeSeconds > 0) {
            streamback.addCallback(new AutoRestart(Duration.ofSeconds(maxAgeSeconds), 0, Duration.ofSeconds(1)));
        }
        streamback.listen(topic, message -> {
            if (message.value() instanceof Map<?, ?> value && value.containsKey("id")) {
                redis.hincrby(keys + ":seen", String.valueOf(value.get("id")), 1);
            } else {
                message.respond(Map.of("pid", PID));
            }
        });
        try {
            streamback.start();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
