package io.streamback.cli;

import io.streamback.FeedbackLane;
import io.streamback.NotSentException;
import io.streamback.SendOptions;
import io.streamback.Streamback;
import io.streamback.cli.ExecutionErrors.CommandFailure;
import io.streamback.cli.ExecutionErrors.Failure;
import io.streamback.cli.ExecutionErrors.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code streamback send}: sends JSON messages and, on request, prints the replies as JSON lines. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Sends a JSON message on TOPIC and, with --read or --stream, prints the replies.",
            "Without --read or --stream it sends one-way (consumers write no replies) and returns once Kafka has"
                    + " the message. Replies are printed on stdout, one JSON value a line.",
            "With --lines each line of the input is a message of its own: one-way, they are sent as they are"
                    + " read; with --read or --stream, every reply is printed as {\"line\":N,\"request\":...,"
                    + "\"reply\":...}, in the order of the input. A line that is not JSON stops the batch with exit"
                    + " code 2 (the lines before it are sent); the exit code is that of the first message that failed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:not sent, or --read got no reply: the group ended without one",
            "2:usage error (bad option, JSON, duration or streams string)",
            "3:a consumer group answered with an error (its text on stderr)",
            "4:no reply within the timeout"},
        footerHeading = "%nExamples:%n",
        footer = {ConnectionOptions.STREAMS_EXAMPLE,
            "  streamback send --streams \"$S\" greet '{\"name\":\"Ada\"}' --read",
            "  echo '{\"name\":\"Ada\"}' | streamback send --streams \"$S\" greet - --read",
            "  streamback send --streams \"$S\" orders @orders.jsonl --lines --key '{id}'"})
final class SendCommand implements Callable<Integer> {
    /** Lines sent one-way whose sends are not confirmed yet, at most; then the oldest is awaited. */
    private static final int ONE_WAY_WINDOW = 10_000;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private StreambackCli cli;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to send on.")
    private String topic;

    @Parameters(index = "1", paramLabel = "JSON",
            description = "The message: one JSON value such as '{\"name\":\"Ada\"}' or '\"text\"'; or - to read it"
                    + " from stdin, or @FILE to read it from a file.")
    private String input;

    @Option(names = "--lines",
            description = "Batch mode: each line of the input is one message (blank lines are skipped).")
    private boolean lines;

    @Option(names = "--key", paramLabel = "KEY",
            description = "The record key (Kafka's partitioning key): text, or a template taking fields of the"
                    + " message, e.g. '{id}', 'user-{user.id}' ({{ and }} for braces; a missing field is an error).")
    private @Nullable String key;

    @Option(names = "--header", paramLabel = "NAME=VALUE",
            description = "A record header (Kafka header); repeat it for more.")
    private Map<String, String> headers = new LinkedHashMap<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private @Nullable ReplyMode mode;

    @Option(names = "--from-group", paramLabel = "GROUP",
            description = {"Only read replies from this consumer group; its end marker ends the stream.",
                "Without it the replies of the first group that answers are read; a group that ends without"
                        + " replying makes --read wait, up to the timeout, for another group's reply."})
    private @Nullable String fromGroup;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationParser.class,
            description = "How long to wait for each reply: 500ms, 10s, 2m or PT10S; with --read or --stream, also"
                    + " the request's deadline (a JVM consumer that gets it later does not run it)."
                    + " Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "16",
            description = "With --lines and --read or --stream: messages sent ahead of the reply being read."
                    + " Default: ${DEFAULT-VALUE}.")
    private int inFlight;

    /** Whether to wait for replies, and how many. */
    static final class ReplyMode {
        @Option(names = "--read", required = true, description = "Print the first reply.")
        boolean read;

        @Option(names = "--stream", required = true, description = "Print every reply until the end marker.")
        boolean stream;
    }

    /** One message of a batch: its line, its value, its lane once sent. */
    private record Sent(int line, @Nullable Object value, @Nullable String key, FeedbackLane lane) {
    }

    private @Nullable Template keyTemplate;
    private @Nullable Failure firstFailure;

    @Override
    public Integer call() {
        if (mode == null && fromGroup != null) {
            throw new ParameterException(spec.commandLine(), "--from-group needs --read or --stream");
        }
        if (inFlight < 1) {
            throw new ParameterException(spec.commandLine(), "--in-flight must be at least 1, got " + inFlight);
        }
        keyTemplate = key == null ? null : parseKey(key);
        MessageInput source = new MessageInput(input, cli.in());
        @Nullable Object single = lines ? null : usage(source::value);
        try (Streamback streamback = (mode == null ? connection.builderWithoutFeedback() : connection.builderForReads()).build()) {
            if (!lines) {
                return sendOne(streamback, single);
            }
            try (BufferedReader reader = usage(source::open)) {
                if (mode == null) {
                    sendLinesOneWay(streamback, reader, source.name());
                } else {
                    sendLinesAndRead(streamback, reader, source.name());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return firstFailure == null ? ExitCodes.OK : firstFailure.code();
        }
    }

    private Template parseKey(String text) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key " + e.getMessage());
        }
    }

    /** {@code read}'s result; an {@link IllegalArgumentException} is a usage error. */
    private <T> T usage(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, input);
        }
    }

    private int sendOne(Streamback streamback, @Nullable Object value) {
        String recordKey = keyOf(value, null);
        if (mode == null) {
            awaitSent(streamback.sendOneWay(topic, value, options(recordKey).noDeadline()));
            return ExitCodes.OK;
        }
        FeedbackLane lane = streamback.send(topic, value, options(recordKey).deadlineAfter(timeout));
        FeedbackLane replies = fromGroup == null ? lane : lane.from(fromGroup);
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        try {
            if (mode.read) {
                out.print(replies.read(timeout));
            } else {
                for (Object reply : replies.stream(timeout)) {
                    if (!out.print(reply)) {
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new CommandFailure(ExecutionErrors.describe(e, request()));
        }
        return ExitCodes.OK;
    }

    private Request request() {
        return new Request(topic, fromGroup);
    }

    private SendOptions options(@Nullable String recordKey) {
        return SendOptions.defaults().key(recordKey).headers(headers);
    }

    /** The key for {@code value}: the template filled, or none. */
    private @Nullable String keyOf(@Nullable Object value, @Nullable String where) {
        if (keyTemplate == null) {
            return null;
        }
        try {
            return keyTemplate.render(value, true);
        } catch (Template.MissingField missing) {
            throw new CommandFailure(new Failure(ExitCodes.USAGE, (where == null ? "" : where + ": ")
                    + "the key template '" + keyTemplate + "' names field '" + missing.field()
                    + "', which the message lacks or holds as null"));
        }
    }

    private void awaitSent(CompletableFuture<Void> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSentException("interrupted while sending to topic " + topic, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof NotSentException notSent ? notSent
                    : new NotSentException("cannot send to topic " + topic + ": " + cause.getMessage(), cause);
        }
    }

    /** Reads the next line that holds a message and parses it; null at the end of the input. */
    private @Nullable Line nextLine(BufferedReader reader, String name, int[] lineNumber) {
        while (true) {
            String text = MessageInput.nextLine(reader, name);
            if (text == null) {
                return null;
            }
            lineNumber[0]++;
            if (text.isBlank()) {
                continue;
            }
            try {
                return new Line(lineNumber[0], JsonArgument.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(new Failure(ExitCodes.USAGE,
                        "line " + lineNumber[0] + " of " + name + ": " + e.getMessage()));
            }
        }
    }

    private record Line(int number, @Nullable Object value) {
    }

    private void sendLinesOneWay(Streamback streamback, BufferedReader reader, String name) {
        Deque<Map.Entry<Integer, CompletableFuture<Void>>> pending = new ArrayDeque<>();
        int[] lineNumber = {0};
        try {
            for (Line line = nextLine(reader, name, lineNumber); line != null; line = nextLine(reader, name, lineNumber)) {
                String recordKey = keyOf(line.value(), "line " + line.number());
                int number = line.number();
                Object value = line.value();
                pending.add(Map.entry(number, sending(number,
                        () -> streamback.sendOneWay(topic, value, options(recordKey).noDeadline()))));
                if (pending.size() > ONE_WAY_WINDOW) {
                    confirm(pending.poll());
                }
            }
        } finally {
            while (!pending.isEmpty()) {
                confirm(pending.poll());
            }
        }
    }

    /** {@code send}'s result; a send that could not even start (no broker) ends the batch, naming the line. */
    private <T> T sending(int line, java.util.function.Supplier<T> send) {
        try {
            return send.get();
        } catch (NotSentException e) {
            throw new CommandFailure(ExecutionErrors.describe(e, request()).prefixed("line " + line + ": "));
        }
    }

    private void confirm(Map.Entry<Integer, CompletableFuture<Void>> sent) {
        try {
            awaitSent(sent.getValue());
        } catch (NotSentException e) {
            fail(ExecutionErrors.describe(e, request()).prefixed("line " + sent.getKey() + ": "));
        }
    }

    private void sendLinesAndRead(Streamback streamback, BufferedReader reader, String name) {
        Deque<Sent> inFlightNow = new ArrayDeque<>();
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        int[] lineNumber = {0};
        boolean open = true;
        for (Line line = nextLine(reader, name, lineNumber); line != null && open;
                line = nextLine(reader, name, lineNumber)) {
            String recordKey = keyOf(line.value(), "line " + line.number());
            Object value = line.value();
            FeedbackLane lane = sending(line.number(),
                    () -> streamback.send(topic, value, options(recordKey).deadlineAfter(timeout)));
            inFlightNow.add(new Sent(line.number(), line.value(), recordKey, fromGroup == null ? lane : lane.from(fromGroup)));
            if (inFlightNow.size() >= inFlight) {
                open = printReplies(inFlightNow.poll(), out);
            }
        }
        while (open && !inFlightNow.isEmpty()) {
            open = printReplies(inFlightNow.poll(), out);
        }
    }

    /** Prints the replies to {@code sent}; false when stdout was closed. */
    private boolean printReplies(Sent sent, JsonLines out) {
        try {
            if (mode != null && mode.read) {
                return out.print(tagged(sent, sent.lane().read(timeout)));
            }
            for (Object reply : sent.lane().stream(timeout)) {
                if (!out.print(tagged(sent, reply))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            fail(ExecutionErrors.describe(e, request()).prefixed("line " + sent.line() + ": "));
            return true;
        }
    }

    private Map<String, @Nullable Object> tagged(Sent sent, @Nullable Object reply) {
        Map<String, @Nullable Object> line = new LinkedHashMap<>();
        line.put("line", sent.line());
        if (sent.key() != null) {
            line.put("key", sent.key());
        }
        line.put("request", sent.value());
        line.put("reply", reply);
        return line;
    }

    /** Reports {@code failure} on stderr and keeps it for the exit code when it is the first. */
    private void fail(Failure failure) {
        if (firstFailure == null) {
            firstFailure = failure;
        }
        var err = spec.commandLine().getErr();
        err.println(failure.line());
        err.flush();
    }
}
