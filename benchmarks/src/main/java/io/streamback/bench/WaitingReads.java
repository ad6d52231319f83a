package io.streamback.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LMPopArgs;
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
import java.util.Locale;
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
 * for every waiting read, each call resending the whole key list. Two more raw loops measure the
 * other blocking designs: the keys sharded over {@value #SHARDS} connections, and {@code BLMPOP}
 * (Redis 7 only). Timed from the first reply to the last. For Streamback it also records the Redis
 * connections ({@code connected_clients} delta) and JVM threads added while the reads wait.
 */
final class WaitingReads {
    static final String ROW = "3. waiting reads, then answered";
    private static final int SHARDS = 4;
    private static final String RAW = "raw BRPOP loop";
    private static final String SHARDED = "raw BRPOP loop, " + SHARDS + " connections";
    private static final String BLMPOP = "raw BLMPOP loop (Redis 7)";

    /** A blocking pop over many keys, as {@code CLIENT LIST} names it while it waits. */
    private enum Pop {
        BRPOP, BLMPOP;

        String command() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Infra infra;
    private final Mode mode;
    private final Table table;

    WaitingReads(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    void run() throws Exception {
        table.reference(ROW, RAW);
        int reads = mode.waitingReads();
        String metric = "replies/s (" + String.format("%,d", reads) + " reads)";
        int warmup = Math.max(100, reads / 10);
        boolean blmpop = infra.redisMajorVersion() >= 7;
        if (!blmpop) {
            System.err.println("row 3: no BLMPOP before Redis 7: the raw BLMPOP loop is left out");
        }
        BenchMain.cell(table, 3, 0, mode, RAW, () -> rawLoop(warmup, 1, Pop.BRPOP));
        BenchMain.cell(table, 3, 0, mode, "streamback", () -> streamback(warmup));
        for (int rep = 1; rep <= mode.reps(); rep++) {
            BenchMain.cell(table, 3, rep, mode, RAW,
                    () -> table.add(ROW, metric, RAW, Stats.perSecond(reads - 1, rawLoop(reads, 1, Pop.BRPOP))));
            BenchMain.cell(table, 3, rep, mode, SHARDED, () -> table.add(ROW, metric, SHARDED,
                    Stats.perSecond(reads - 1, rawLoop(reads, SHARDS, Pop.BRPOP))));
            if (blmpop) {
                BenchMain.cell(table, 3, rep, mode, BLMPOP, () -> table.add(ROW, metric, BLMPOP,
                        Stats.perSecond(reads - 1, rawLoop(reads, 1, Pop.BLMPOP))));
            }
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

    /**
     * A raw blocking reader: {@code connections} connections, each popping with {@code pop} over its
     * share of the keys until each of its keys gave its entry, while one more connection pushes one
     * entry per key. Returns the nanos from the first entry read to the last.
     */
    private long rawLoop(int reads, int connections, Pop pop) throws Exception {
        List<List<String>> shards = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            shards.add(new ArrayList<>());
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            String key = FeedbackKeys.newKey();
            keys.add(key);
            shards.get(i % connections).add(key);
        }
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(connections);
        List<StatefulRedisConnection<String, String>> readers = new ArrayList<>();
        try (StatefulRedisConnection<String, String> writer = infra.redis()) {
            for (List<String> shard : shards) {
                StatefulRedisConnection<String, String> reader = infra.redis();
                readers.add(reader);
                Thread loop = new Thread(() -> {
                    try {
                        popAll(reader.sync(), shard, pop, first, last);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                }, "raw-" + pop.command() + "-loop");
                loop.start();
            }
            while (infra.clientsIn(pop.command()) < connections && done.getCount() > 0) {
                Thread.sleep(10);
            }
            RedisAsyncCommands<String, String> redis = writer.async();
            for (int i = 0; i < reads; i++) {
                redis.lpush(keys.get(i), "{\"value\":{\"i\":" + i + "},\"event\":\"response\"}");
                redis.expire(keys.get(i), 300);
            }
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw " + pop + " loop did not finish in 300 s");
            }
        } finally {
            readers.forEach(StatefulRedisConnection::close);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return last.get() - first.get();
    }

    /** Pops with {@code pop} over {@code keys} until every key gave its entry; a key leaves the list once served. */
    private static void popAll(RedisCommands<String, String> redis, List<String> keys, Pop pop, AtomicLong first,
            AtomicLong last) {
        Set<String> waiting = new LinkedHashSet<>(keys);
        while (!waiting.isEmpty()) {
            String[] list = waiting.toArray(String[]::new);
            String served = switch (pop) {
                case BRPOP -> {
                    KeyValue<String, String> entry = redis.brpop(30L, list);
                    yield entry == null ? null : entry.getKey();
                }
                case BLMPOP -> {
                    KeyValue<String, List<String>> entries = redis.blmpop(30L, LMPopArgs.Builder.right().count(16), list);
                    yield entries == null ? null : entries.getKey();
                }
            };
            if (served == null) {
                throw new IllegalStateException(waiting.size() + " keys got no reply in 30 s");
            }
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.accumulateAndGet(now, Math::max);
            waiting.remove(served);
        }
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
