package io.streamback.internal;

import io.streamback.WorkerMode;
import java.util.Optional;

/**
 * What this JVM is to the application, decided once when the engine is built; it decides what
 * starts.
 *
 * <table>
 * <caption>What each role runs</caption>
 * <tr><th>role</th><th>workers</th><th>autoscaler, {@code onTick}</th><th>schedules</th><th>poison records counted by</th></tr>
 * <tr><td>{@link #THREADS}</td><td>threads</td><td>yes</td><td>yes</td><td>this JVM</td></tr>
 * <tr><td>{@link #SUPERVISOR}</td><td>child JVMs</td><td>yes</td><td>yes</td><td>its ledger file, which children share</td></tr>
 * <tr><td>{@link #CHILD}</td><td>its one thread worker</td><td>no</td><td>no</td><td>the supervisor's ledger</td></tr>
 * </table>
 */
public enum Role {
    /** Workers are threads of this JVM ({@link WorkerMode#THREADS}). */
    THREADS,
    /** Workers are child JVMs that this JVM starts, watches and replaces ({@link WorkerMode#PROCESSES}). */
    SUPERVISOR,
    /** This JVM is a worker child of a supervisor: it runs the one worker its environment names. */
    CHILD;

    /** The role of a JVM configured with {@code mode}, {@code child} being what its environment says. */
    public static Role of(WorkerMode mode, Optional<ChildMode> child) {
        if (child.isPresent()) {
            return CHILD;
        }
        return mode == WorkerMode.PROCESSES ? SUPERVISOR : THREADS;
    }

    /** Whether this JVM sends the schedules' ticks and calls {@code onTick}: not a child, whose supervisor does. */
    public boolean supervises() {
        return this != CHILD;
    }
}
