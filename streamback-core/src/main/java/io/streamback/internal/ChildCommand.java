package io.streamback.internal;

import io.streamback.SetupException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The command line that starts a worker child JVM of process mode: this JVM's {@code java}, its
 * JVM options without debug agents (a second JVM cannot listen on the debugger's port), and the
 * same main class and class path ({@code -cp}), or the same jar ({@code -jar}), with the same
 * program arguments.
 */
final class ChildCommand {
    private ChildCommand() {
    }

    /** The command for a child of this JVM. */
    static List<String> forThisJvm() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return of(java, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path", ""), System.getProperty("sun.java.command"),
                info.arguments().map(Arrays::asList).orElse(null));
    }

    /**
     * The child command from these facts about the parent.
     *
     * @param java the {@code java} executable
     * @param jvmOptions the parent's JVM options ({@code RuntimeMXBean.getInputArguments()})
     * @param classPath the parent's {@code java.class.path}
     * @param javaCommand the parent's {@code sun.java.command}: main class or jar, then the program
     *     arguments joined by spaces
     * @param argv the parent's exact command line after the executable, when the OS tells it; used to
     *     keep program arguments that contain spaces whole
     * @throws SetupException when {@code javaCommand} is missing, e.g. in a JVM not started by
     *     the {@code java} launcher
     */
    static List<String> of(String java, List<String> jvmOptions, String classPath, @Nullable String javaCommand,
            @Nullable List<String> argv) {
        if (javaCommand == null || javaCommand.isBlank()) {
            throw new SetupException("process mode cannot tell this JVM's main class (no sun.java.command):"
                    + " start the application with 'java -cp ... Main' or 'java -jar app.jar', or use WorkerMode.THREADS");
        }
        String[] words = javaCommand.trim().split(" ", 2);
        String main = words[0];
        String rest = words.length > 1 ? words[1] : "";
        boolean jar = main.equals(classPath) && !classPath.isEmpty();
        List<String> command = new ArrayList<>();
        command.add(java);
        jvmOptions.stream().filter(option -> !isDebugAgent(option)).forEach(command::add);
        if (jar) {
            command.add("-jar");
        } else {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(main);
        command.addAll(programArguments(main, rest, jar, argv));
        return List.copyOf(command);
    }

    /** Whether {@code option} loads the debugger agent. */
    static boolean isDebugAgent(String option) {
        return option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")
                || option.equals("-Xdebug") || option.startsWith("-agentpath:") && option.contains("jdwp");
    }

    /**
     * The program arguments: taken whole from {@code argv} when its tail after the main class (or jar)
     * joins to exactly {@code rest}, else {@code rest} split at spaces.
     */
    private static List<String> programArguments(String main, String rest, boolean jar, @Nullable List<String> argv) {
        if (argv != null) {
            for (int i = 0; i < argv.size(); i++) {
                if (argv.get(i).equals(main) && (!jar || i > 0 && argv.get(i - 1).equals("-jar"))) {
                    List<String> tail = argv.subList(i + 1, argv.size());
                    if (String.join(" ", tail).equals(rest)) {
                        return List.copyOf(tail);
                    }
                }
            }
        }
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split(" "));
    }
}
