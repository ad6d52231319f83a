package io.streamback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The health of a {@link Streamback} instance, from {@link Streamback#health()}, in two separate
 * verdicts for two kinds of probe:
 *
 * <ul>
 *   <li>{@link #liveness()}: is the instance itself working? Up unless it is closed or a worker
 *       group has fewer live workers than it asked for (a worker that died is replaced on the next
 *       rescale tick, so let a liveness probe fail a few times before it restarts anything). It
 *       does not depend on Kafka or Redis: restarting the process does not bring a server back.
 *   <li>{@link #readiness()}: can it do its work now? Up when Kafka answered the last check and,
 *       with a feedback stream, so did Redis.
 * </ul>
 *
 * <pre>{@code
 * Health health = streamback.health();
 * if (!health.readiness().up()) {
 *     LOG.warn("not ready: {}", health.readiness().reason());
 * }
 * }</pre>
 *
 * @param checkedAt when the servers were last checked (the instance's creation before the first check)
 * @param liveness whether the instance and its workers are alive
 * @param readiness whether the servers it needs can be reached
 * @param mainStream the Kafka cluster (or memory stream), as last checked
 * @param feedbackStream the Redis deployment (or memory stream) as last checked; null when the
 *     streams string names no feedback stream
 * @param workerGroups every worker group this JVM runs, empty before start
 */
public record Health(Instant checkedAt, Probe liveness, Probe readiness, Server mainStream,
        @Nullable Server feedbackStream, List<GroupHealth> workerGroups) {
    /** Checks the required fields and copies the groups. */
    public Health {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(mainStream, "mainStream");
        workerGroups = List.copyOf(workerGroups);
    }

    /** Whether both {@link #liveness()} and {@link #readiness()} are up. */
    public boolean healthy() {
        return liveness.up() && readiness.up();
    }

    /** Why it is not {@link #healthy()}: the reasons of the verdicts that are down, joined by {@code "; "}; empty when healthy. */
    public String reason() {
        List<String> reasons = new ArrayList<>();
        if (!liveness.up()) {
            reasons.add(liveness.reason());
        }
        if (!readiness.up()) {
            reasons.add(readiness.reason());
        }
        return String.join("; ", reasons);
    }

    /**
     * One verdict.
     *
     * @param up whether the probe passes
     * @param reason why it does not, naming what is down; empty when up
     */
    public record Probe(boolean up, String reason) {
        /** Checks that the reason is present. */
        public Probe {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A server (or cluster) the instance needs, as last checked.
     *
     * @param address where it is, as in the streams string with passwords masked
     * @param reachable whether it answered the last check
     * @param detail what it answered (e.g. {@code 3 brokers}, {@code PONG}) or why it did not
     * @param checkedAt when it was last checked; null before the first check
     */
    public record Server(String address, boolean reachable, String detail, @Nullable Instant checkedAt) {
        /** Checks that address and detail are present. */
        public Server {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * One worker group of this JVM.
     *
     * @param name {@code pool}, or the topic the group serves
     * @param topics the topics it consumes, without prefix
     * @param workers its live workers now
     * @param desired how many it should have, as the autoscaler last decided
     * @param lag records waiting, as last read by the autoscaler (-1 before the first read)
     */
    public record GroupHealth(String name, Set<String> topics, int workers, int desired, long lag) {
        /** Copies the topics. */
        public GroupHealth {
            Objects.requireNonNull(name, "name");
            topics = Set.copyOf(topics);
        }

        /** Whether every worker it should have is alive. */
        public boolean alive() {
            return workers >= desired;
        }
    }
}
