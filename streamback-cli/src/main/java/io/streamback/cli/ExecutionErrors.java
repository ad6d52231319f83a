package io.streamback.cli;

import io.streamback.FeedbackException;
import io.streamback.FeedbackTimeoutException;
import io.streamback.InvalidStreamsException;
import io.streamback.NotSentException;
import io.streamback.StreamEndedException;
import io.streamback.StreambackException;
import io.streamback.internal.text.LogText;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into one {@code error: ...} line on stderr and an exit code from
 * {@link ExitCodes}. The message may hold text from the streams (a remote error, a consumer group's
 * name), so it is escaped and cut to one line; passwords are masked.
 */
final class ExecutionErrors implements IExecutionExceptionHandler {
    /** An exit code and the line that says why. */
    record Failure(int code, String message) {
        /** The line to print: {@code error: } and the message, escaped, masked and cut. */
        String line() {
            return "error: " + ExecutionErrors.line(message);
        }

        /** This failure with {@code prefix} before its message, e.g. {@code line 3: }. */
        Failure prefixed(String prefix) {
            return new Failure(code, prefix + message);
        }
    }

    /** A failure a command reports itself, already worded. */
    static final class CommandFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        CommandFailure(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        Failure failure() {
            return failure;
        }
    }

    /** What the message sent on {@code topic} was, for errors: its topic and the group replies were read from. */
    record Request(String topic, @Nullable String fromGroup) {
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        Failure failure = error instanceof CommandFailure own ? own.failure() : describe(error, null);
        PrintWriter err = command.getErr();
        err.println(failure.line());
        err.flush();
        return failure.code();
    }

    /** The failure {@code error} stands for; {@code request} names the topic and group it concerned, when known. */
    static Failure describe(Throwable error, @Nullable Request request) {
        String topic = request == null ? null : request.topic();
        String onTopic = topic == null ? "" : " on topic " + topic;
        if (error instanceof FeedbackException remote) {
            String group = remote.sourceGroup() == null ? "(unnamed)" : remote.sourceGroup();
            return new Failure(ExitCodes.REMOTE_ERROR, "consumer group " + group + " answered the message" + onTopic
                    + " with an error: " + remote.remoteError());
        }
        if (error instanceof FeedbackTimeoutException timeout) {
            String from = request == null || request.fromGroup() == null ? ""
                    : " from consumer group " + request.fromGroup();
            return new Failure(ExitCodes.TIMEOUT, "no reply" + onTopic + from + " within "
                    + Stopwatch.duration(timeout.timeout()) + ": " + why(timeout) + " (feedback key "
                    + timeout.feedbackTopic() + ")");
        }
        if (error instanceof StreamEndedException ended) {
            return new Failure(ExitCodes.FAILURE, "no reply" + onTopic + ": " + ended.getMessage());
        }
        if (error instanceof InvalidStreamsException invalid) {
            return new Failure(ExitCodes.USAGE, String.valueOf(invalid.getMessage()));
        }
        if (error instanceof NotSentException notSent && String.valueOf(notSent.getMessage()).contains("sendBlockTimeout")) {
            return new Failure(ExitCodes.FAILURE, notSent.getMessage() + " (--connect-timeout waits longer)");
        }
        boolean plain = error instanceof StreambackException || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException;
        return new Failure(ExitCodes.FAILURE, plain && error.getMessage() != null ? error.getMessage() : error.toString());
    }

    /** What the library says the read saw, without its own "no feedback on K within N ms: " start. */
    private static String why(FeedbackTimeoutException timeout) {
        String message = String.valueOf(timeout.getMessage());
        String start = "no feedback on " + timeout.feedbackTopic() + " within " + timeout.timeout().toMillis() + " ms: ";
        return message.startsWith(start) ? message.substring(start.length()) : message;
    }

    static String line(String text) {
        return LogText.of(UsageErrors.mask(text), UsageErrors.MAX_CHARS);
    }
}
