package io.streamback.cli;

import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import io.streamback.internal.InboundMessage;
import io.streamback.internal.StreamsConfig;
import io.streamback.internal.Topics;
import io.streamback.internal.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

/** {@code streamback listen}: prints the messages of the topics as JSON lines, as a tap or as a member of a group. */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the messages on TOPIC... as JSON lines, without disturbing anyone.",
            "By default it is a tap: it reads every partition itself, belongs to no consumer group, commits no"
                    + " offset and answers nothing, so the services on the topics see no difference. It starts at"
                    + " the end (only new messages) unless --from says otherwise, and runs until Ctrl-C, --count,"
                    + " --exit-at-end, or until the reader of its output goes away (| head).",
            "Each line holds topic, partition, offset, timestamp, key, headers, source_group, feedback_topic and"
                    + " value; --format prints less.",
            "--echo and --respond join consumer group NAME instead and answer each message. That group then"
                    + " shares the topics' partitions among its members, commits their offsets and answers for"
                    + " them: with the name of a running service, this takes partitions, and so messages, away"
                    + " from that service. Partition, offset and timestamp are null there."},
        footerHeading = "%nExamples:%n",
        footer = {ConnectionOptions.STREAMS_EXAMPLE,
            "  streamback listen --streams \"$S\" greet --from beginning --exit-at-end",
            "  streamback listen --streams \"$S\" greet --count 1 --format value",
            "  streamback listen --streams \"$S\" greet --from 10m --format '{offset}:{value}'",
            "  streamback listen --streams \"$S\" greet --respond '{\"hi\":\"{value.name}\"}'"})
final class ListenCommand implements Callable<Integer> {
    /** How long one wait for records lasts, and so how soon a closed pipe or a stop is seen. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a stopped member of a group gives its listener call in hand: a command line is quicker to stop than a service. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private StreambackCli cli;

    @Mixin
    private ConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "The topics to listen to.")
    private List<String> topics;

    @Option(names = "--from", paramLabel = "START", converter = StartPosition.Converter.class,
            description = "Where to start in each partition: beginning, end, an offset (42), the last N records"
                    + " (-10), a time (2026-12-01T09:30:00Z, or local 2026-12-01T09:30) or how long ago (10m, 2h)."
                    + " Default: end. With --echo or --respond only beginning or end, for a group that has"
                    + " committed nothing yet; default there: beginning, as for any Streamback service, so that"
                    + " nothing sent while the group forms is missed.")
    private @Nullable StartPosition from;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N messages.")
    private @Nullable Long count;

    @Option(names = "--exit-at-end",
            description = "Stop once every partition is read up to the end it had at the start (a tap only).")
    private boolean exitAtEnd;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = OutputFormat.Converter.class,
            description = "json (the whole record), value (its value's JSON), key-value (the key, a tab, the value),"
                    + " or a template of the record's fields such as '{partition}:{offset}:{value.name}'."
                    + " Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private @Nullable Answer answer;

    /** Whether to join the group and answer, and how. */
    static final class Answer {
        @Option(names = "--echo", required = true,
                description = "Join consumer group NAME and reply to each message with its own value.")
        boolean echo;

        @Option(names = "--respond", required = true, paramLabel = "JSON",
                description = "Join consumer group NAME and reply to each message with this JSON, whose strings may"
                        + " name the message's fields: '{\"got\":\"{value}\",\"from\":\"{source_group}\"}'.")
        @Nullable String respond;
    }

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile @Nullable Tap runningTap;

    @Override
    public Integer call() throws InterruptedException {
        if (from == null) {
            from = answer == null ? new StartPosition.End() : new StartPosition.Beginning();
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (answer != null) {
            if (exitAtEnd) {
                throw new ParameterException(spec.commandLine(), "--exit-at-end works for a tap only: a member of a"
                        + " group reads the partitions the group gives it, whose end it cannot know; drop --echo or"
                        + " --respond to tap the topics");
            }
            if (!from.forGroups()) {
                throw new ParameterException(spec.commandLine(), "--from " + from.describe() + " works for a tap"
                        + " only: a group starts where it committed, or at the beginning or the end");
            }
            return joinGroup(respondTemplate());
        }
        return tap();
    }

    private @Nullable Object respondTemplate() {
        if (answer == null || answer.respond == null) {
            return null;
        }
        try {
            Object template = JsonArgument.parse(answer.respond);
            Template.check(template);
            return template;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--respond: " + e.getMessage());
        }
    }

    /** Stops a running {@link #call()}, as Ctrl-C would. */
    void stop() {
        stopRequested.countDown();
        Tap tap = runningTap;
        if (tap != null) {
            tap.wakeup();
        }
    }

    private int tap() throws InterruptedException {
        StreamsConfig streams = connection.parsed();
        Topics names = new Topics(streams.topicsPrefix());
        PrintWriter err = spec.commandLine().getErr();
        Tap tap;
        try {
            tap = streams.main() instanceof KafkaSettings kafka
                    ? new KafkaTap(kafka, names, topics, from, connection.connectTimeout, exitAtEnd, err)
                    : new MemoryTap(((StreamsConfig.Memory) streams.main()).name(), names, topics, from);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        runningTap = tap;
        Thread hook = new Thread(this::stopAndWait, "streamback-listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (tap) {
            err.println("tapping " + String.join(", ", topics) + " from " + from.describe() + " (no consumer group:"
                    + " nothing is committed or answered)" + bounds());
            err.flush();
            read(tap);
        } finally {
            runningTap = null;
            stopped.countDown();
            removeHook(hook);
        }
        return ExitCodes.OK;
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String bounds() {
        if (count != null) {
            return "; stops after " + count + (count == 1 ? " message" : " messages");
        }
        return exitAtEnd ? "; stops at the end" : "; Ctrl-C to stop";
    }

    private void read(Tap tap) {
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        PipeWatch pipe = cli.processStdout() ? PipeWatch.ofStdout() : null;
        long printed = 0;
        while (stopRequested.getCount() > 0) {
            for (Map<String, @Nullable Object> record : tap.poll(POLL)) {
                if (!out.printLine(format.line(record))) {
                    return;
                }
                printed++;
                if (count != null && printed >= count) {
                    return;
                }
            }
            if (exitAtEnd && tap.atEnd()) {
                return;
            }
            if (pipe != null && pipe.readerGone()) {
                return;
            }
        }
    }

    private int joinGroup(@Nullable Object respond) throws InterruptedException {
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        AtomicLong handled = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        StreambackBuilder builder = connection.builder().shutdownTimeout(SHUTDOWN)
                .kafkaProperty("auto.offset.reset", from instanceof StartPosition.Beginning ? "earliest" : "latest");
        try (Streamback streamback = builder.build()) {
            for (String topic : topics) {
                streamback.listen(topic, (Message message) -> {
                    if (done.get()) {
                        return;
                    }
                    Map<String, @Nullable Object> record = TapRecord.of(message.topic(), message.key(),
                            message.headers(), message.sourceGroup(), message.feedbackTopic(), message.value());
                    boolean open = out.printLine(format.line(record));
                    if (!(message instanceof InboundMessage inbound) || inbound.replyKey() != null) {
                        message.respond(respond == null ? message.value() : Template.fill(respond, record));
                    } // else a one-way message: its sender reads no reply
                    if (!open || count != null && handled.incrementAndGet() >= count) {
                        done.set(true);
                        stopRequested.countDown();
                    }
                });
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("listening to " + String.join(", ", topics) + " as consumer group " + streamback.group()
                    + ", " + (respond == null ? "echoing each message" : "answering each message")
                    + " (the group's members share the partitions, and it commits their offsets)" + bounds());
            err.flush();
            streamback.startInBackground();
            Thread hook = new Thread(this::stopAndWait, "streamback-listen-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                PipeWatch pipe = cli.processStdout() ? PipeWatch.ofStdout() : null;
                while (!stopRequested.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (pipe != null && pipe.readerGone()) {
                        break;
                    }
                }
            } finally {
                removeHook(hook);
            }
        } finally {
            stopped.countDown();
        }
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs: it stops the listening
        }
    }
}
