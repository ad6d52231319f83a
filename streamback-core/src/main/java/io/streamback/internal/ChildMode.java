package io.streamback.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether this JVM is a worker child of process mode ({@code WorkerMode.PROCESSES}), and which
 * worker it runs, as the supervising JVM set it in the child's environment. A child runs one worker
 * of one group of one instance and nothing that belongs to the supervisor: no autoscaler, no
 * {@code onTick}, no schedules.
 *
 * @param app the name of the instance the worker belongs to, or null to serve any (variable unset)
 * @param group the worker group's name ({@code pool} or a topic)
 * @param workerId the worker's id, the one the supervisor logs
 * @param parentPid the supervisor's pid, or -1 when not given
 * @param stateDir the supervisor's folder where children say which record they hold and record
 *     their deaths, or null when not given
 */
public record ChildMode(@Nullable String app, String group, String workerId, long parentPid,
        @Nullable Path stateDir) {
    /** Environment variable naming the worker group a child runs; its presence makes a JVM a child. */
    public static final String GROUP_ENV = "STREAMBACK_WORKER_GROUP";
    /** Environment variable with the child's worker id. */
    public static final String ID_ENV = "STREAMBACK_WORKER_ID";
    /** Environment variable with the supervising JVM's pid. */
    public static final String PARENT_PID_ENV = "STREAMBACK_PARENT_PID";
    /** Environment variable with the name of the instance whose worker the child runs. */
    public static final String APP_ENV = "STREAMBACK_WORKER_APP";
    /** Environment variable with the supervisor's state folder. */
    public static final String STATE_DIR_ENV = "STREAMBACK_WORKER_STATE_DIR";

    private static final Optional<ChildMode> CURRENT = Optional.ofNullable(fromEnvironment(System.getenv()));

    /** This JVM's child mode, or empty when it is not a worker child (thread mode, or a supervisor). */
    public static Optional<ChildMode> current() {
        return CURRENT;
    }

    /** Whether this JVM is a worker child of process mode: if so, schedules and {@code onTick} belong to the parent. */
    public static boolean isChild() {
        return CURRENT.isPresent();
    }

    /** The child mode {@code env} describes, or null when it names no worker group. */
    static @Nullable ChildMode fromEnvironment(Map<String, String> env) {
        String group = env.get(GROUP_ENV);
        if (group == null || group.isEmpty()) {
            return null;
        }
        String id = env.get(ID_ENV);
        String app = env.get(APP_ENV);
        long parent;
        try {
            parent = Long.parseLong(env.getOrDefault(PARENT_PID_ENV, "-1").trim());
        } catch (NumberFormatException e) {
            parent = -1;
        }
        String stateDir = env.get(STATE_DIR_ENV);
        return new ChildMode(app == null || app.isEmpty() ? null : app, group,
                id == null || id.isEmpty() ? group + "-" + ProcessHandle.current().pid() : id, parent,
                stateDir == null || stateDir.isEmpty() ? null : Path.of(stateDir));
    }

    /** Whether the instance named {@code appName} is the one whose worker this child runs. */
    public boolean serves(String appName) {
        return app == null || app.equals(appName);
    }
}
