package io.streamback.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Rows 1 and 2: sequential RPC latency, and throughput with {@link Mode#IN_FLIGHT} requests
 * outstanding, for the floor, Streamback and Spring's ReplyingKafkaTemplate.
 */
final class RpcRows {
    static final String SEQUENTIAL = "1. sequential RPC";
    static final String IN_FLIGHT = "2. " + Mode.IN_FLIGHT + " RPCs in flight";
    /**
     * The most a client of this protocol can reach under the library's rules: {@link FloorRpc#ofProtocol}
     * one request at a time, {@link NotifiedFloorRpc#ofProtocol} with many in flight (a {@code BRPOP}
     * connection per waiting read is not allowed there).
     */
    static final String PROTOCOL_FLOOR = "floor, Python's JSON, off Lettuce's threads";
    static final String CPU_PER_RPC = "CPU µs/RPC (this JVM + Redis)";
    /** RPCs run after waiting for the JIT compiler, before the measured ones. */
    private static final int RESUME_RPCS = 100;
    /** Compilation per cell (on average) below which a warm-up repetition counts as warm. */
    private static final long WARM_COMPILE_MS = 100;

    private record Contender(String name, Function<Infra, RpcClient> open) {
    }

    private final Infra infra;
    private final Mode mode;
    private final Table table;

    RpcRows(Infra infra, Mode mode, Table table) {
        this.infra = infra;
        this.mode = mode;
        this.table = table;
    }

    /**
     * Row 1: one request at a time on a 1-partition topic, p50/p90/p99. See {@link #repetitions}
     * for the warm-up.
     */
    void sequential() {
        table.reference(SEQUENTIAL, "floor");
        List<Contender> contenders = List.of(
                new Contender("floor", i -> new FloorRpc(i, 1, 1)),
                new Contender("floor, notified reads", i -> new NotifiedFloorRpc(i, 1)),
                new Contender(PROTOCOL_FLOOR, i -> FloorRpc.ofProtocol(i, 1)),
                new Contender("streamback", i -> new StreambackRpc(i, 1)),
                new Contender("streamback, KIP-848 group", i -> new StreambackRpc(i, 1, "consumer")),
                new Contender("spring RKT", i -> new SpringRkt(i, 1)));
        repetitions(1, contenders, (client, name, warmUp) -> {
            runSequential(client, mode.rpcWarmup());
            if (warmUp) {
                runSequential(client, mode.sequentialRpcs());
                return;
            }
            BenchMain.settle();
            runSequential(client, RESUME_RPCS); // back in step after the pause
            long[] latencies = runSequential(client, mode.sequentialRpcs());
            table.add(SEQUENTIAL, "p50 ms", name, Stats.percentileMillis(latencies, 50));
            table.add(SEQUENTIAL, "p90 ms", name, Stats.percentileMillis(latencies, 90));
            table.add(SEQUENTIAL, "p99 ms", name, Stats.percentileMillis(latencies, 99));
        });
    }

    /** Row 2: {@link Mode#IN_FLIGHT} requests outstanding on 4-partition topics, RPC/s and p99. */
    void inFlight() {
        int window = Mode.IN_FLIGHT;
        table.reference(IN_FLIGHT, "floor");
        List<Contender> contenders = List.of(
                new Contender("floor", i -> new FloorRpc(i, 4, window)),
                new Contender("floor, notified reads", i -> new NotifiedFloorRpc(i, 4)),
                new Contender(PROTOCOL_FLOOR, i -> NotifiedFloorRpc.ofProtocol(i, 4)),
                new Contender("streamback", i -> new StreambackRpc(i, 4)),
                new Contender("streamback, KIP-848 group", i -> new StreambackRpc(i, 4, "consumer")),
                new Contender("spring RKT", i -> new SpringRkt(i, 4)));
        repetitions(2, contenders, (client, name, warmUp) -> {
            runSequential(client, 20); // the answering side is assigned and running
            runInFlight(client, mode.rpcWarmup() * 2, window);
            if (warmUp) {
                runInFlight(client, mode.inFlightRpcs() / 4, window);
                return;
            }
            BenchMain.settle();
            runInFlight(client, RESUME_RPCS, window); // back in step after the pause
            CpuMeter cpu = CpuMeter.start(infra);
            long started = System.nanoTime();
            long[] latencies = runInFlight(client, mode.inFlightRpcs(), window);
            long elapsed = System.nanoTime() - started;
            table.add(IN_FLIGHT, "RPC/s", name, Stats.perSecond(latencies.length, elapsed));
            table.add(IN_FLIGHT, "p99 ms", name, Stats.percentileMillis(latencies, 99));
            table.add(IN_FLIGHT, CPU_PER_RPC, name, cpu.microsPer(latencies.length));
        });
    }

    /** One cell's work with an open client; {@code warmUp}: nothing is recorded. */
    @FunctionalInterface
    private interface CellBody {
        void run(RpcClient client, String contender, boolean warmUp) throws Exception;
    }

    /**
     * Runs unrecorded warm-up repetitions of every contender, then the measured ones. The broker runs
     * in this JVM, and before it was warm the first repetition had up to 100 times the slow RPCs of
     * the last; and in a run with one warm-up repetition the JIT compiler still worked 2 to 4 s
     * during the 1.6 s cells of the first measured one (the contenders share the Kafka and Lettuce
     * clients, and each recompiles what the one before had specialized). So warm-up repetitions go
     * on until one passes with the compiler nearly quiet ({@link #WARM_COMPILE_MS} per cell), up to
     * {@link Mode#maxWarmUps}. Each measured cell then waits for the compiler to be quiet
     * ({@link JitQuiet}) and runs a few RPCs more before it measures.
     */
    private void repetitions(int row, List<Contender> contenders, CellBody body) {
        int warmUps = 0;
        long compiled;
        do {
            long before = JitQuiet.compiledMillis();
            repetition(row, 0, contenders, body);
            compiled = JitQuiet.compiledMillis() - before;
            warmUps++;
            System.err.printf("  warm-up repetition %d: the JIT compiler worked %d ms%n", warmUps, compiled);
        } while (compiled > WARM_COMPILE_MS * contenders.size() && warmUps < mode.maxWarmUps());
        table.note("row " + row + ": " + warmUps + " unrecorded warm-up repetition(s), the JIT compiler working "
                + compiled + " ms in the last");
        for (int rep = 1; rep <= mode.reps(); rep++) {
            repetition(row, rep, contenders, body);
        }
    }

    private void repetition(int row, int rep, List<Contender> contenders, CellBody body) {
        for (Contender contender : contenders) {
            BenchMain.cell(table, row, rep, mode, contender.name(), () -> {
                try (RpcClient client = contender.open().apply(infra)) {
                    body.run(client, contender.name(), rep == 0);
                }
            });
        }
    }

    private static long[] runSequential(RpcClient client, int count) throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            client.callSync(i);
            latencies[i] = System.nanoTime() - started;
        }
        return latencies;
    }

    private static long[] runInFlight(RpcClient client, int count, int window) throws Exception {
        long[] latencies = new long[count];
        Semaphore slots = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            slots.acquire();
            int index = i;
            long started = System.nanoTime();
            client.call(i).whenComplete((reply, error) -> {
                latencies[index] = System.nanoTime() - started;
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                slots.release();
                done.countDown();
            });
        }
        if (failure.get() == null && !done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + count + " requests unanswered after 120 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a request failed: " + failure.get(), failure.get());
        }
        return latencies;
    }
}
