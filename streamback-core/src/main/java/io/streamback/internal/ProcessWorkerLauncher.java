package io.streamback.internal;

import io.streamback.SetupException;
import io.streamback.WorkerSnapshot;
import io.streamback.internal.text.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each worker in a child JVM started by {@link ChildCommand} (same {@code java}, JVM options,
 * main class or jar, class path and arguments), told by {@link ChildMode}'s environment variables
 * which worker to run. The child inherits this JVM's working directory, environment, stdout and
 * stderr. Stopping a child sends it SIGTERM (it finishes the record in hand, flushes, commits);
 * {@link WorkerHandle#forceStop()} kills it. A child's snapshot has its pid and resident memory;
 * its counters are not shipped to the parent and read 0.
 *
 * <p>The launcher owns a state folder that its children share: each child says there which record
 * it holds ({@link HeldRecordFile}), and deaths are counted in its {@link DeathLedger}. When a child
 * exits while it held a record it could not write its death for (killed, crashed), the launcher
 * writes it, so a record that kills children is given up after
 * {@link PoisonRecords#DEATHS_BEFORE_GIVING_UP} of them, as in thread mode.
 */
final class ProcessWorkerLauncher implements WorkerLauncher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkerLauncher.class);
    /** Already among the JVM options the child gets: the child's JVM must not apply them twice. */
    private static final List<String> APPLIED_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private final String app;
    private final List<String> command;
    private final Path stateDir;
    private final DeathLedger deaths;

    /** Children of the instance named {@code app}, started with this JVM's command line. */
    ProcessWorkerLauncher(String app) {
        this(app, ChildCommand.forThisJvm());
    }

    ProcessWorkerLauncher(String app, List<String> command) {
        this.app = app;
        this.command = List.copyOf(command);
        try {
            this.stateDir = Files.createTempDirectory("streamback-" + app.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
        } catch (IOException e) {
            throw new SetupException("cannot create the process-mode state folder in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        this.deaths = new DeathLedger(stateDir);
    }

    /** The folder children share. */
    Path stateDir() {
        return stateDir;
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
        env.put(ChildMode.STATE_DIR_ENV, stateDir.toString());
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new SetupException("cannot start the worker child JVM " + id + " with '" + command.get(0)
                    + "': " + e.getMessage(), e);
        }
        LOG.info("event=worker_process_started worker={} group={} pid={}", id, spec.name(), process.pid());
        process.onExit().thenAccept(exited -> exited(id, exited));
        return new ChildProcess(id, spec.name(), process, Instant.now());
    }

    /** Logs a child's exit and counts the death of one that exited holding a record. */
    private void exited(String id, Process exited) {
        Path heldFile = HeldRecordFile.path(stateDir, id);
        String held = HeldRecordFile.read(heldFile);
        if (held == null) {
            LOG.info("event=worker_process_exited worker={} pid={} exit_code={}", id, exited.pid(),
                    exited.exitValue());
        } else {
            String error = "the worker child JVM exited with code " + exited.exitValue() + " while handling it";
            LOG.warn("event=worker_process_died worker={} pid={} exit_code={} {}", id, exited.pid(),
                    exited.exitValue(), LogText.of(held));
            try {
                deaths.append(held, id, error);
            } catch (RuntimeException e) {
                LOG.error("event=worker_death_not_recorded worker={} {} error={}", id, LogText.of(held),
                        LogText.of(e));
            }
        }
        try {
            Files.deleteIfExists(heldFile);
        } catch (IOException e) {
            // left in the state folder, which close() removes
        }
    }

    /** Removes the state folder. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(stateDir);
        } catch (IOException e) {
            LOG.warn("event=state_dir_not_removed dir={} error={}", stateDir, e.toString());
        }
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
            return new WorkerSnapshot(id, group, startedAt, 0, 0, 0, 0, pid,
                    process.isAlive() ? ProcessMemory.rssBytes(pid) : -1);
        }

        @Override
        public long[] recentHandlingNanos() {
            return new long[0];
        }
    }
}
