package io.streamback.cli;

import io.streamback.FeedbackLane;
import io.streamback.SendOptions;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.NotSentException;
import io.streamback.internal.text.LogText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code streamback send}: sends one JSON message and, on request, prints the replies as JSON lines. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Sends JSON on TOPIC. Without --read or --stream it sends one-way and returns once the message is out.",
            "Replies are printed on stdout, one JSON value a line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:other failure, or --read got no reply: the group ended without one",
            "2:usage error (bad option, JSON, duration or streams string)",
            "3:a consumer group answered with an error (its text on stderr)",
            "4:no reply within the timeout"})
final class SendCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to send on.")
    private String topic;

    @Parameters(index = "1", paramLabel = "JSON", converter = JsonArgument.class,
            description = "The message: one JSON value, e.g. '{\"name\":\"Ada\"}' or '\"text\"'.")
    private @Nullable Object value;

    @Option(names = "--key", paramLabel = "KEY", description = "The record key (Kafka partitioning key).")
    private @Nullable String key;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private @Nullable ReplyMode mode;

    @Option(names = "--from-group", paramLabel = "GROUP",
            description = {"Only read replies from this consumer group; its end marker ends the stream.",
                "Without it the replies of the first group that answers are read; a group that ends without",
                "replying makes --read wait, up to the timeout, for another group's reply."})
    private @Nullable String fromGroup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationParser.class,
            description = "How long to wait for each reply: 500ms, 10s, 2m or PT10S; with --read or --stream, also"
                    + " the request's deadline (a JVM consumer that gets it later does not run it)."
                    + " Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    /** Whether to wait for replies, and how many. */
    static final class ReplyMode {
        @Option(names = "--read", required = true, description = "Print the first reply.")
        boolean read;

        @Option(names = "--stream", required = true, description = "Print every reply until the end marker.")
        boolean stream;
    }

    @Override
    public Integer call() {
        if (mode == null && fromGroup != null) {
            throw new ParameterException(spec.commandLine(), "--from-group needs --read or --stream");
        }
        try (Streamback streamback = connection.builder()
                .kafkaProperty("max.block.ms", Long.toString(timeout.toMillis()))
                .build()) {
            // a read waits --timeout, so the request lives that long; nobody waits for a one-way send
            SendOptions options = mode == null ? SendOptions.defaults().key(key).noDeadline()
                    : SendOptions.defaults().key(key).deadlineAfter(timeout);
            FeedbackLane lane = streamback.send(topic, value, options);
            if (mode == null) {
                awaitSent(lane);
                return ExitCodes.OK;
            }
            FeedbackLane replies = fromGroup == null ? lane : lane.from(fromGroup);
            return mode.read ? readOne(replies) : readAll(replies);
        }
    }

    private void awaitSent(FeedbackLane lane) {
        try {
            lane.sent().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSentException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new NotSentException("the message was not sent to " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private int readOne(FeedbackLane lane) {
        Object reply;
        try {
            reply = lane.read(timeout);
        } catch (StreamEndedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: no reply: " + LogText.of(e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
        new JsonLines(spec.commandLine().getOut()).print(reply);
        return ExitCodes.OK;
    }

    private int readAll(FeedbackLane lane) {
        JsonLines lines = new JsonLines(spec.commandLine().getOut());
        for (Object reply : lane.stream(timeout)) {
            lines.print(reply);
        }
        return ExitCodes.OK;
    }
}
