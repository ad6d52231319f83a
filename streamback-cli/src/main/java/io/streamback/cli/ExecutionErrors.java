package io.streamback.cli;

import io.streamback.FeedbackException;
import io.streamback.FeedbackTimeoutException;
import io.streamback.InvalidStreamsException;
import io.streamback.StreambackException;
import io.streamback.internal.text.LogText;
import io.streamback.internal.text.Secrets;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into a plain message on stderr and an exit code from {@link ExitCodes}.
 * The message may hold text from the streams (a remote error, a consumer group's name), so it is
 * escaped and cut to one line; passwords are masked.
 */
final class ExecutionErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int code;
        if (error instanceof FeedbackException remote) {
            err.println(line(remote.remoteError()));
            code = ExitCodes.REMOTE_ERROR;
        } else if (error instanceof FeedbackTimeoutException timeout) {
            err.println("timeout: " + line(timeout.getMessage()));
            code = ExitCodes.TIMEOUT;
        } else if (error instanceof InvalidStreamsException invalid) {
            err.println("error: " + line(invalid.getMessage()));
            code = ExitCodes.USAGE;
        } else {
            boolean plain = error instanceof StreambackException || error instanceof IllegalArgumentException
                    || error instanceof IllegalStateException;
            err.println("error: " + line(plain && error.getMessage() != null ? error.getMessage() : error.toString()));
            code = ExitCodes.FAILURE;
        }
        err.flush();
        return code;
    }

    private static String line(String text) {
        return LogText.of(Secrets.mask(text), UsageErrors.MAX_CHARS);
    }
}
