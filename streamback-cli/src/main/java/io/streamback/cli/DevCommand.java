package io.streamback.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamback dev}: runs Kafka and Redis in this process for local development until interrupted. */
@Command(name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Kafka and Redis in this process for local development, printing their streams string.",
            "The streams string is printed on stdout, on a line of its own; it runs until Ctrl-C or SIGTERM,"
                    + " which stop both servers."})
final class DevCommand implements Callable<Integer> {
    private static final int MAX_PORT = 65_535;

    @Spec
    private CommandSpec spec;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Kafka's port; 0 takes a free one. Default: ${DEFAULT-VALUE}.")
    private int kafkaPort;

    @Option(names = "--redis-port", paramLabel = "PORT", defaultValue = "0",
            description = "Redis's port; 0 takes a free one. Default: ${DEFAULT-VALUE}.")
    private int redisPort;

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        checkPort("--kafka-port", kafkaPort);
        checkPort("--redis-port", redisPort);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("starting Kafka and Redis...");
        err.flush();
        Stopwatch stopwatch = Stopwatch.start();
        try (EmbeddedServers servers = EmbeddedServers.start(kafkaPort, redisPort)) {
            Thread hook = new Thread(() -> stopOnSignal(servers, err), "streamback-dev-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println(servers.streams());
            out.flush();
            err.println("Kafka on " + servers.kafkaAddress() + ", Redis on " + servers.redisAddress()
                    + ", started in " + stopwatch.seconds() + "; Ctrl-C to stop");
            err.flush();
            try {
                stopRequested.await();
            } finally {
                removeHook(hook);
            }
        }
        return ExitCodes.OK;
    }

    /** Stops a running {@link #call()}, as Ctrl-C would. */
    void stop() {
        stopRequested.countDown();
    }

    private void stopOnSignal(EmbeddedServers servers, PrintWriter err) {
        err.println("stopping Kafka and Redis...");
        err.flush();
        servers.close();
        err.println("stopped");
        err.flush();
        stopRequested.countDown();
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be between 0 (a free port) and " + MAX_PORT + ", got " + port);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops the servers
        }
    }
}
