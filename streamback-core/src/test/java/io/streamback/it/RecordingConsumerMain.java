package io.streamback.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.Context;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.Streamback;

/**
 * A consumer to run in its own JVM, so a test can send it SIGTERM or SIGKILL: every message id it
 * handles is counted in Redis hash {@code processed:<run>} and every listener flush increments
 * {@code flushed:<run>:<tag>}. Blocks in {@link Streamback#start()} until the JVM is told to stop.
 *
 * <p>Arguments: streams, topic, application name, Redis URI, run id, pool concurrency.
 */
public final class RecordingConsumerMain {
    private RecordingConsumerMain() {
    }

    public static void main(String[] args) {
        String streams = args[0];
        String topic = args[1];
        String app = args[2];
        String redisUri = args[3];
        String run = args[4];
        int workers = Integer.parseInt(args[5]);
        Streamback streamback = FaultSupport.quickSessionTimeout(Streamback.builder(app).streams(streams))
                .poolConcurrency(workers).build();
        streamback.listen(topic, () -> new RecordingListener(redisUri, run, "child"));
        streamback.start();
    }

    /** Counts each handled message id in Redis through its own connection; flushes are counted too. */
    static final class RecordingListener extends Listener {
        private final RedisCommands<String, String> redis;
        private final String run;
        private final String tag;

        RecordingListener(String redisUri, String run, String tag) {
            StatefulRedisConnection<String, String> connection = RedisClient.create(redisUri).connect();
            this.redis = connection.sync(); // closed by the JVM's exit
            this.run = run;
            this.tag = tag;
        }

        static String processedKey(String run) {
            return "processed:" + run;
        }

        static String flushedKey(String run, String tag) {
            return "flushed:" + run + ":" + tag;
        }

        @Override
        public void consume(Context context, Message message) {
            redis.hincrby(processedKey(run), Integer.toString(LoadSupport.idOf(message.value())), 1);
        }

        @Override
        public void flush() {
            redis.incr(flushedKey(run, tag));
        }
    }
}
