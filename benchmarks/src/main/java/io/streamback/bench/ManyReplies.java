package io.streamback.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.Streamback;
import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Row 5: one request answered with many replies. Streamback's listener calls {@code respond(i)}
 * for each; the caller iterates {@code send(...).stream(30 s)}. The reference is raw Lettuce: one
 * connection pipelines LPUSH+EXPIRE for every entry while another BRPOPs them. Timed from the first
 * reply read to the last.
 */
final class ManyReplies {
    static final String ROW = "5. one request, many replies";

    private final Infra infra;
    private final Mode mode;
    private final Table table;

    ManyReplies(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    void run() throws Exception {
        table.reference(ROW, "raw lettuce");
        int replies = mode.replies();
        String metric = "replies/s (" + String.format("%,d", replies) + ")";
        BenchMain.cell(table, 5, 0, mode, "raw lettuce", () -> raw(replies / 5));
        BenchMain.cell(table, 5, 0, mode, "streamback", () -> streamback(replies / 5));
        for (int rep = 1; rep <= mode.reps(); rep++) {
            BenchMain.cell(table, 5, rep, mode, "raw lettuce",
                    () -> table.add(ROW, metric, "raw lettuce", Stats.perSecond(replies - 1, raw(replies))));
            BenchMain.cell(table, 5, rep, mode, "streamback",
                    () -> table.add(ROW, metric, "streamback", Stats.perSecond(replies - 1, streamback(replies))));
        }
    }

    private long raw(int replies) throws Exception {
        String key = FeedbackKeys.newKey();
        try (StatefulRedisConnection<String, String> reader = infra.redis();
                StatefulRedisConnection<String, String> writer = infra.redis()) {
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                RedisAsyncCommands<String, String> redis = writer.async();
                for (int i = 0; i < replies; i++) {
                    redis.lpush(key, "{\"value\":" + i + ",\"event\":\"response\",\"source_group\":\"bench\"}");
                    redis.expire(key, 300);
                }
            });
            RedisCommands<String, String> redis = reader.sync();
            long first = 0;
            long last = 0;
            for (int i = 0; i < replies; i++) {
                KeyValue<String, String> entry = redis.brpop(30L, key);
                if (entry == null) {
                    throw new IllegalStateException("raw reply " + i + " did not come in 30 s");
                }
                last = System.nanoTime();
                if (i == 0) {
                    first = last;
                }
            }
            writes.get(30, TimeUnit.SECONDS);
            return last - first;
        }
    }

    private long streamback(int replies) {
        String topic = infra.topic("sb_replies", 1);
        try (Streamback app = Streamback.create(infra.unique("bench_replies_app"), infra.streams());
                Streamback caller = Streamback.create(infra.unique("bench_replies_caller"), infra.streams())) {
            app.listen(topic, (context, message) -> {
                for (int i = 0; i < replies; i++) {
                    message.respond(i);
                }
            });
            app.startInBackground();
            long first = 0;
            long last = 0;
            int seen = 0;
            for (Object reply : caller.send(topic, "go").stream(Duration.ofSeconds(30))) {
                last = System.nanoTime();
                if (seen++ == 0) {
                    first = last;
                }
            }
            if (seen != replies) {
                throw new IllegalStateException("streamback: " + seen + " of " + replies + " replies");
            }
            return last - first;
        }
    }
}
