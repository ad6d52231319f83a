package io.streamback;

/** Where workers run. */
public enum WorkerMode {
    /** Each worker is a thread of this JVM: the default. */
    THREADS,
    /**
     * Each worker is a child JVM started from the same main class and class path, supervised by
     * this one: the JVM's answer to Python's fork, for isolation and memory-based restarts.
     */
    PROCESSES
}
