package io.streamback.cli;

import io.streamback.Streamback;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streamback demo}: a consumer and a producer on Kafka and Redis started in this process. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a demo of each kind of exchange against Kafka and Redis started in this process.",
            "It starts Kafka, Redis, a consumer app and a producer app, and shows each kind of exchange with its"
                    + " round-trip time: one-way, RPC, streaming replies and a remote error."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Stopwatch total = Stopwatch.start();
        out.println("Starting Kafka and Redis in this process...");
        out.flush();
        try (EmbeddedServers servers = EmbeddedServers.start(0, 0)) {
            out.println("  Kafka on " + servers.kafkaAddress() + ", Redis on " + servers.redisAddress()
                    + ", started in " + total.seconds());
            out.println("Starting the consumer app '" + DemoConsumer.NAME + "' and the producer app '"
                    + DemoProducer.NAME + "'");
            out.flush();
            try (DemoConsumer consumer = DemoConsumer.start(servers.streams());
                    Streamback producer = Streamback.create(DemoProducer.NAME, servers.streams())) {
                new DemoProducer(producer, consumer, out).run();
                out.println("");
                out.println("Closing the apps, Kafka and Redis...");
                out.flush();
            }
        }
        out.println("Done in " + total.seconds() + ".");
        out.flush();
        return ExitCodes.OK;
    }
}
