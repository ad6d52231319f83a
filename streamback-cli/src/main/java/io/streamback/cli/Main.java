package io.streamback.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The entry point of {@code streamback-cli.jar}: runs the command line and exits with its code.
 *
 * <p>The jar's own classpath ({@code lib/}) holds what send, listen and top need, so they start
 * fast; the embedded Kafka and Redis of demo and dev live in {@code lib-server/}, which is added
 * for those two commands only, by running them in a class loader that sees both.
 */
public final class Main {
    /** The commands that run embedded servers. */
    private static final Set<String> SERVER_COMMANDS = Set.of("demo", "dev");
    private static final String EMBEDDED_KAFKA = "io.streamback.testkit.EmbeddedKafka";

    private Main() {
    }

    /** Runs {@code streamback} with {@code args} and exits the JVM with the command's exit code. */
    public static void main(String[] args) throws Exception {
        // Lettuce records JFR events when JFR is there: loading JFR costs a CLI call more than they give.
        System.setProperty("io.lettuce.core.jfr", System.getProperty("io.lettuce.core.jfr", "false"));
        if (args.length == 1 && args[0].equals(CdsTraining.ARGUMENT)) {
            CdsTraining.run();
            System.exit(ExitCodes.OK);
        }
        if (args.length > 0 && SERVER_COMMANDS.contains(args[0]) && !onClasspath(EMBEDDED_KAFKA)) {
            withServerClasses(args);
            return;
        }
        CommandLine commandLine = StreambackCli.commandLine(System.in, args.length == 0 ? null : args[0], true);
        // UTF-8 whatever the locale: JSON is UTF-8. stdout is flushed by each line printed, stderr at once.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        commandLine.setOut(out).setErr(err);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Main.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Runs {@code args} again in a class loader that also sees {@code lib-server/} beside the jar. */
    private static void withServerClasses(String[] args) throws Exception {
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path home = jar.getParent();
        Path servers = home.resolve("lib-server");
        if (!Files.isDirectory(servers)) {
            System.err.println("error: " + args[0] + " runs an embedded Kafka and Redis, whose jars belong in "
                    + servers + ", which is missing: rebuild the CLI (./streamback builds it)");
            System.exit(ExitCodes.FAILURE);
        }
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        urls.addAll(jars(home.resolve("lib")));
        urls.addAll(jars(servers));
        URLClassLoader loader = new URLClassLoader("streamback-servers", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(Main.class.getName()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static List<URL> jars(Path dir) throws IOException, URISyntaxException {
        List<URL> urls = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return urls;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(file.toUri().toURL());
            }
        }
        return urls;
    }
}
