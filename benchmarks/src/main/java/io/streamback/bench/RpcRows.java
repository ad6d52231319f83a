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
    static final String CPU_PER_RPC = "CPU µs/RPC (this JVM + Redis)";

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
     * Row 1: one request at a time on a 1-partition topic, p50/p90/p99. Rows 1 and 2 start with an
     * unrecorded warm-up repetition of every contender: the broker runs in this JVM, and before it
     * was warm the first repetition had up to 100 times the slow RPCs of the last.
     */
    void sequential() {
        table.reference(SEQUENTIAL, "floor");
        List<Contender> contenders = List.of(
                new Contender("floor", i -> new FloorRpc(i, 1, 1)),
                new Contender("floor, notified reads", i -> new NotifiedFloorRpc(i, 1)),
                new Contender("streamback", i -> new StreambackRpc(i, 1)),
                new Contender("streamback, KIP-848 group", i -> new StreambackRpc(i, 1, "consumer")),
                new Contender("spring RKT", i -> new SpringRkt(i, 1)));
        for (int rep = 0; rep <= mode.reps(); rep++) {
            boolean warmUp = rep == 0;
            for (Contender contender : contenders) {
                BenchMain.cell(table, 1, rep, mode, contender.name(), () -> {
                    try (RpcClient client = contender.open().apply(infra)) {
                        runSequential(client, mode.rpcWarmup());
                        long[] latencies = runSequential(client, mode.sequentialRpcs());
                        if (warmUp) {
                            return;
                        }
                        table.add(SEQUENTIAL, "p50 ms", contender.name(), Stats.percentileMillis(latencies, 50));
                        table.add(SEQUENTIAL, "p90 ms", contender.name(), Stats.percentileMillis(latencies, 90));
                        table.add(SEQUENTIAL, "p99 ms", contender.name(), Stats.percentileMillis(latencies, 99));
                    }
                });
            }
        }
    }

    /** Row 2: {@link Mode#IN_FLIGHT} requests outstanding on 4-partition topics, RPC/s and p99. */
    void inFlight() {
        int window = Mode.IN_FLIGHT;
        table.reference(IN_FLIGHT, "floor");
        List<Contender> contenders = List.of(
                new Contender("floor", i -> new FloorRpc(i, 4, window)),
                new Contender("floor, notified reads", i -> new NotifiedFloorRpc(i, 4)),
                new Contender("streamback", i -> new StreambackRpc(i, 4)),
                new Contender("streamback, KIP-848 group", i -> new StreambackRpc(i, 4, "consumer")),
                new Contender("spring RKT", i -> new SpringRkt(i, 4)));
        for (int rep = 0; rep <= mode.reps(); rep++) {
            boolean warmUp = rep == 0;
            for (Contender contender : contenders) {
                BenchMain.cell(table, 2, rep, mode, contender.name(), () -> {
                    try (RpcClient client = contender.open().apply(infra)) {
                        runSequential(client, 20); // the answering side is assigned and running
                        runInFlight(client, mode.rpcWarmup() * 2, window);
                        if (warmUp) {
                            runInFlight(client, mode.inFlightRpcs() / 4, window);
                            return;
                        }
                        CpuMeter cpu = CpuMeter.start(infra);
                        long started = System.nanoTime();
                        long[] latencies = runInFlight(client, mode.inFlightRpcs(), window);
                        long elapsed = System.nanoTime() - started;
                        table.add(IN_FLIGHT, "RPC/s", contender.name(), Stats.perSecond(latencies.length, elapsed));
                        table.add(IN_FLIGHT, "p99 ms", contender.name(), Stats.percentileMillis(latencies, 99));
                        table.add(IN_FLIGHT, CPU_PER_RPC, contender.name(), cpu.microsPer(latencies.length));
                    }
                });
            }
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
