package io.streamback.cli;

import io.streamback.Message;
import io.streamback.Streamback;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamback listen}: prints every message of the topics as a JSON line until interrupted. */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        description = {
            "Listens to TOPIC... as consumer group NAME and prints each message on stdout as one JSON line:",
            "{\"topic\":...,\"key\":...,\"value\":...}. Runs until Ctrl-C or SIGTERM."})
final class ListenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "The topics to listen to.")
    private List<String> topics;

    @Option(names = "--echo", description = "Reply to each message with its own value.")
    private boolean echo;

    private volatile @Nullable Streamback running;

    @Override
    public Integer call() {
        JsonLines lines = new JsonLines(spec.commandLine().getOut());
        try (Streamback streamback = connection.builder().build()) {
            for (String topic : topics) {
                streamback.listen(topic, (Message message) -> handle(lines, message));
            }
            running = streamback;
            PrintWriter err = spec.commandLine().getErr();
            err.println("listening to " + String.join(", ", topics) + " as consumer group " + streamback.group()
                    + (echo ? ", echoing each message" : "") + "; Ctrl-C to stop");
            err.flush();
            streamback.start();
        }
        return ExitCodes.OK;
    }

    /** Stops a running {@link #call()}, as SIGTERM would. */
    void stop() {
        Streamback current = running;
        if (current != null) {
            current.close();
        }
    }

    private void handle(JsonLines lines, Message message) {
        Map<String, @Nullable Object> line = new LinkedHashMap<>();
        line.put("topic", message.topic());
        line.put("key", message.key());
        line.put("value", message.value());
        lines.print(line);
        if (echo) {
            message.respond(message.value());
        }
    }
}
