package io.streamback.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.internal.wire.FeedbackKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Row 3: many reads wait before anyone answers, then all are answered. Streamback makes N
 * {@code send(...).readAsync(...)} calls before its answering app starts; the reference is one raw
 * Lettuce connection in {@code BRPOP k1 ... kn} over the same number of keys (a key leaves the list
 * once served) while another connection pushes the replies: the design of one blocking connection
 * for every waiting read, each call resending the whole key list. Timed from the first reply to the
 * last. For Streamback it also records the Redis connections ({@code connected_clients} delta) and
 * JVM threads added while the reads wait.
 */
final class WaitingReads {
    static final String ROW = "3. waiting reads, then answered";

    private final Infra infra;
    private final Mode mode;
    private final Table table;

    WaitingReads(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    void run() throws Exception {
        table.reference(ROW, "raw BRPOP loop");
        int reads = mode.waitingReads();
        String metric = "replies/s (" + String.format("%,d", reads) + " reads)";
        int warmup = Math.max(100, reads / 10);
        BenchMain.cell(table, 3, 0, mode, "raw BRPOP loop", () -> rawLoop(warmup));
        BenchMain.cell(table, 3, 0, mode, "streamback", () -> streamback(warmup));
        for (int rep = 1; rep <= mode.reps(); rep++) {
            BenchMain.cell(table, 3, rep, mode, "raw BRPOP loop",
                    () -> table.add(ROW, metric, "raw BRPOP loop", Stats.perSecond(reads - 1, rawLoop(reads))));
            BenchMain.cell(table, 3, rep, mode, "streamback", () -> {
                Result result = streamback(reads);
                table.add(ROW, metric, "streamback", Stats.perSecond(reads - 1, result.firstToLastNanos()));
                table.add(ROW, "Redis connections while waiting", "streamback", result.redisConnections());
                table.add(ROW, "JVM threads added while waiting", "streamback", result.threadsAdded());
                table.add(ROW, "JVM live threads while waiting", "streamback", result.liveThreads());
            });
        }
    }

    private record Result(long firstToLastNanos, int redisConnections, int threadsAdded, int liveThreads) {
    }

    /** The reference: one connection BRPOPs over every waited key. Returns first-to-last nanos. */
    private long rawLoop(int reads) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            keys.add(FeedbackKeys.newKey());
        }
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (StatefulRedisConnection<String, String> reader = infra.redis();
                StatefulRedisConnection<String, String> writer = infra.redis()) {
            Thread loop = new Thread(() -> {
                try {
                    RedisCommands<String, String> redis = reader.sync();
                    Set<String> waiting = new LinkedHashSet<>(keys);
                    while (!waiting.isEmpty()) {
                        KeyValue<String, String> entry = redis.brpop(30L, waiting.toArray(String[]::new));
                        if (entry == null) {
                            throw new IllegalStateException(waiting.size() + " keys got no reply in 30 s");
                        }
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        waiting.remove(entry.getKey());
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            }, "raw-brpop-loop");
            loop.start();
            while (infra.clientsInBrpop() == 0 && done.getCount() > 0) {
                Thread.sleep(10);
            }
            RedisAsyncCommands<String, String> redis = writer.async();
            for (int i = 0; i < reads; i++) {
                redis.lpush(keys.get(i), "{\"value\":{\"i\":" + i + "},\"event\":\"response\"}");
                redis.expire(keys.get(i), 300);
            }
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw BRPOP loop did not finish in 300 s");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return last.get() - first.get();
    }

    private Result streamback(int reads) throws Exception {
        String topic = infra.topic("sb_waiting", 1);
        int clientsBefore = infra.redisClients();
        int threadsBefore = Infra.liveThreads();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(reads);
        try (Streamback caller = Streamback.create(infra.unique("bench_waiting_caller"), infra.streams())) {
            List<FeedbackLane> lanes = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                lanes.add(caller.send(topic, Map.of("i", i)));
            }
            caller.flush();
            for (FeedbackLane lane : lanes) {
                CompletableFuture<Object> read = lane.readAsync(Duration.ofSeconds(120));
                read.whenComplete((reply, error) -> {
                    long now = System.nanoTime();
                    first.compareAndSet(0, now);
                    last.accumulateAndGet(now, Math::max);
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    done.countDown();
                });
            }
            Thread.sleep(1_000); // every read is registered and waiting
            int connections = infra.redisClients() - clientsBefore;
            int live = Infra.liveThreads();
            if (done.getCount() != reads) {
                throw new IllegalStateException((reads - done.getCount()) + " reads completed before anyone answered: "
                        + failure.get());
            }
            try (Streamback app = Streamback.create(infra.unique("bench_waiting_app"), infra.streams())) {
                app.listen(topic, (context, message) -> message.respond(message.value()));
                app.startInBackground();
                if (!done.await(300, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(done.getCount() + " of " + reads + " reads unanswered after 300 s");
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a read failed: " + failure.get(), failure.get());
            }
            return new Result(last.get() - first.get(), connections, live - threadsBefore, live);
        }
    }
}
