package io.streamback;

/** Where workers run. */
public enum WorkerMode {
    /** Each worker is a thread of this JVM: the default. */
    THREADS,
    /**
     * Each worker is a child JVM started from the same main class and class path, supervised by
     * this one: the JVM's answer to Python's fork, for isolation and memory-based restarts.
     *
     * <p><b>How a child starts.</b> The supervisor runs the same {@code java} with its own JVM options
     * (debugger agents left out; {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} are already
     * among them, so the child's environment drops them), the same class path and main class, or the
     * same {@code -jar} file, and the same program arguments; in its working directory, with its
     * environment plus {@code STREAMBACK_WORKER_APP}, {@code STREAMBACK_WORKER_GROUP},
     * {@code STREAMBACK_WORKER_ID} and {@code STREAMBACK_PARENT_PID}; stdout and stderr are shared.
     * Class-path ({@code java -cp ... Main}) and {@code java -jar} launches are supported; module
     * ({@code -m}) and source-file launches, and JVMs embedded without the {@code java} launcher, are not.
     *
     * <p><b>main runs again in each child</b>, so it must be re-runnable: it builds the same
     * instance with the same listeners and calls {@link Streamback#start()} or
     * {@link Streamback#startInBackground()}, where the child runs only its assigned worker, as one
     * thread, with the supervisor's worker id, after {@link Callback#onWorkerStart}. Other instances
     * the child builds run no workers. Work main does before that (opening servers, sending
     * messages, {@code onTick}-style jobs) it should skip in a child, when the environment has
     * {@code STREAMBACK_WORKER_GROUP}. The child has no autoscaler, no {@code onTick} and no
     * schedules: the supervisor keeps those.
     *
     * <p><b>Supervision.</b> The supervisor starts each group's workers as children (the pool gets
     * {@link StreambackBuilder#poolConcurrency(int)} children; autoscaling adds and retires
     * children), replaces a child that died at its next rescale tick, and recycles one on
     * {@link Streamback#recycleWorker(String, String)}. Stopping a child sends it SIGTERM: it
     * finishes the record in hand, flushes its listeners and commits; {@link Streamback#close()}
     * (or SIGTERM to the supervisor) stops every child so and kills those still running after
     * {@link StreambackBuilder#shutdownTimeout(java.time.Duration)}. A child whose supervisor died closes
     * itself within a second. A child's partitions pass to the others when it stops; after a
     * SIGKILL only once the consumer group's session timeout expires.
     *
     * <p><b>What the supervisor measures.</b> {@link Streamback#snapshot()} gives each child's pid
     * and resident memory, read from {@code /proc/<pid>/status} (Linux; -1 elsewhere); a child's
     * counters and handling times stay in the child, so they read 0 there and the group's
     * percentiles are 0.
     */
    PROCESSES
}
