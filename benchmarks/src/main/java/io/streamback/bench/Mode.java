package io.streamback.bench;

/**
 * How much work each row does: {@link #QUICK} for a run of a few minutes, {@link #FULL} for the
 * numbers worth quoting.
 */
record Mode(
        String name,
        int reps,
        int maxWarmUps,
        int rpcWarmup,
        int sequentialRpcs,
        int inFlightRpcs,
        int waitingReads,
        int backlog,
        int replies,
        int oneWay) {

    static final Mode QUICK = new Mode("quick", 3, 1, 100, 300, 2_000, 2_000, 20_000, 10_000, 20_000);
    static final Mode FULL = new Mode("full", 5, 4, 300, 5_000, 40_000, 10_000, 200_000, 10_000, 100_000);

    /** Requests kept outstanding in row 2. */
    static final int IN_FLIGHT = 64;
}
