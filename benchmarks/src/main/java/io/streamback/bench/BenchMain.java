package io.streamback.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs every row with every contender in one JVM, interleaved (contenders round-robin within each
 * repetition), prints progress to stderr and the final Markdown table to stdout and to
 * {@code benchmarks/target/results.md}. {@code --quick} runs fewer messages.
 */
public final class BenchMain {
    static final int ROWS = 6;
    private static final long STARTED = System.nanoTime();

    /** With {@code --only NAME}, the one contender whose cells run (for profiling it alone). */
    private static String only;

    /** A measured piece of work. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.FULL;
        Path output = Path.of("benchmarks", "target", "results.md");
        java.util.Set<Integer> rows = new java.util.TreeSet<>(java.util.List.of(1, 2, 3, 4, 5, 6));
        String streams = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Mode.QUICK;
                case "--output" -> output = Path.of(args[++i]);
                case "--streams" -> streams = args[++i];
                case "--only" -> only = args[++i];
                case "--rows" -> {
                    rows.clear();
                    for (String row : args[++i].split(",")) {
                        rows.add(Integer.parseInt(row.trim()));
                    }
                }
                default -> {
                    System.err.println("usage: run [--quick] [--rows 1,2,...] [--only CONTENDER] [--output FILE] [--streams STREAMS]");
                    System.exit(2);
                }
            }
        }
        Instant started = Instant.now();
        System.err.println((streams == null ? "starting embedded Kafka and Redis" : "using the servers of --streams")
                + " (" + mode.name() + " mode)");
        Table table = new Table();
        try (Infra infra = streams == null ? Infra.start() : Infra.connect(streams)) {
            RpcRows rpc = new RpcRows(infra, mode, table);
            if (rows.contains(1)) {
                rpc.sequential();
            }
            if (rows.contains(2)) {
                rpc.inFlight();
            }
            if (rows.contains(3)) {
                new WaitingReads(infra, mode, table).run();
            }
            if (rows.contains(4)) {
                new BacklogDrain(infra, mode, table).run();
            }
            if (rows.contains(5)) {
                new ManyReplies(infra, mode, table).run();
            }
            if (rows.contains(6)) {
                new OneWaySend(infra, mode, table).run();
            }
        }
        Duration took = Duration.between(started, Instant.now());
        table.note(mode.name() + " mode, " + mode.reps() + " repetitions per cell, contenders interleaved; "
                + "cells show the median and min–max over repetitions; ratio = median / reference median "
                + "(latency: lower is better; rates: higher is better); harness time "
                + took.toSeconds() + " s on " + Runtime.getRuntime().availableProcessors() + " cores");
        String markdown = table.markdown();
        System.out.println(markdown);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, markdown, StandardCharsets.UTF_8);
        System.err.println("wrote " + output);
        System.exit(0); // the shared servers' threads are not daemons
    }

    /** Prints a progress line: {@code row 2/6 rep 1/3 streamback (t=42s)}. */
    static void progress(int row, int rep, Mode mode, String contender) {
        String repText = rep == 0 ? "warm-up" : "rep " + rep + "/" + mode.reps();
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        System.err.printf("row %d/%d %s %s (t=%ds)%n", row, ROWS, repText, contender, seconds);
    }

    /** Waits for the JIT compiler to be quiet (at most 10 s) before what follows is measured. */
    static void settle() throws InterruptedException {
        long waited = JitQuiet.await(10_000);
        if (waited > 1_000) {
            System.err.printf("  the JIT compiler was quiet after %d ms%n", waited);
        }
    }

    /**
     * Runs one cell (rep 0 is a warm-up): prints progress, and turns a failure into a note under
     * the table instead of ending the run.
     */
    static void cell(Table table, int row, int rep, Mode mode, String contender, Body body) {
        if (only != null && !contender.equals(only)) {
            return;
        }
        progress(row, rep, mode, contender);
        try {
            if (rep > 0) {
                settle();
            }
            long compiledBefore = JitQuiet.compiledMillis();
            body.run();
            long compiled = JitQuiet.compiledMillis() - compiledBefore;
            if (rep > 0 && compiled > 500) {
                System.err.printf("  the JIT compiler worked %d ms during this cell%n", compiled);
            }
        } catch (Exception | AssertionError e) {
            String what = "row " + row + (rep == 0 ? " warm-up " : " rep " + rep + " ") + contender + " failed: " + e;
            System.err.println(what);
            e.printStackTrace();
            table.note(what.replace('|', '/'));
        }
    }
}
