package io.streamback.internal.schedule;

import java.time.Instant;

/** Decides which process sends a tick: the first to claim it. Implementations are thread-safe. */
interface TickClaims {
    /**
     * Claims tick {@code tick} of schedule {@code schedule}.
     *
     * @return true when this caller won the tick and must send it, false when it was claimed before
     * @throws io.streamback.FeedbackUnavailableException when the claim could not be decided (the tick is then not sent)
     */
    boolean claim(String schedule, Instant tick);

    /** Where claims are kept, for the log. */
    String describe();
}
