package io.streamback.internal;

/** Starts one worker of a group: a thread ({@link ThreadWorkerLauncher}) or a child process. */
@FunctionalInterface
public interface WorkerLauncher {
    /** Starts a worker named {@code id} for {@code spec} and returns at once. */
    WorkerHandle launch(GroupSpec spec, String id);
}
