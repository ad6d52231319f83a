package io.streamback.internal;

import io.streamback.StreambackException;
import io.streamback.WorkerSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each worker in a child JVM started by {@link ChildCommand} (same {@code java}, JVM options,
 * main class or jar, class path and arguments), told by {@link ChildMode}'s environment variables
 * which worker to run. The child inherits this JVM's working directory, environment, stdout and
 * stderr. Stopping a child sends it SIGTERM (it finishes the record in hand, flushes, commits);
 * {@link WorkerHandle#forceStop()} kills it. A child's snapshot has its pid and resident memory;
 * its counters are not shipped to the parent and read 0.
 */
final class ProcessWorkerLauncher implements WorkerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkerLauncher.class);
    /** Already among the JVM options the child gets: the child's JVM must not apply them twice. */
    private static final List<String> APPLIED_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String app;
    private final List<String> command;

    /** Children of the instance named {@code app}, started with this JVM's command line. */
    ProcessWorkerLauncher(String app) {
        this(app, ChildCommand.forThisJvm());
    }

    ProcessWorkerLauncher(String app, List<String> command) {
        this.app = app;
        this.command = List.copyOf(command);
    }

    @Override
    public WorkerHandle launch(GroupSpec spec, String id) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        APPLIED_OPTION_VARIABLES.forEach(env::remove);
        env.put(ChildMode.APP_ENV, app);
        env.put(ChildMode.GROUP_ENV, spec.name());
        env.put(ChildMode.ID_ENV, id);
        env.put(ChildMode.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new StreambackException("cannot start the worker child JVM " + id + " with '" + command.get(0)
                    + "': " + e.getMessage(), e);
        }
        LOG.info("event=worker_process_started worker={} group={} pid={}", id, spec.name(), process.pid());
        process.onExit().thenAccept(exited -> LOG.info("event=worker_process_exited worker={} pid={} exit_code={}",
                id, exited.pid(), exited.exitValue()));
        return new ChildProcess(id, spec.name(), process, Instant.now());
    }

    private record ChildProcess(String id, String group, Process process, Instant startedAt) implements WorkerHandle {
        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void stop() {
            process.destroy();
        }

        @Override
        public void forceStop() {
            if (process.isAlive()) {
                LOG.warn("event=worker_process_killed worker={} pid={}", id, process.pid());
                process.destroyForcibly();
            }
        }

        @Override
        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            return process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public WorkerSnapshot snapshot() {
            long pid = process.pid();
            return new WorkerSnapshot(id, group, startedAt, 0, 0, 0, pid,
                    process.isAlive() ? ProcessMemory.rssBytes(pid) : -1);
        }

        @Override
        public long[] recentHandlingNanos() {
            return new long[0];
        }
    }
}
