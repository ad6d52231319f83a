package io.streamback.cli;

import io.streamback.internal.text.LogText;
import io.streamback.internal.text.Secrets;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a wrong command line in one or two lines, without the full usage help, and exits with 2.
 * picocli quotes the arguments it could not use, and one may be a streams string given to a
 * mistyped option: its passwords are masked.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** Longest error line: long enough for a streams string and the option it was given to. */
    static final int MAX_CHARS = 1000;

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        String message = String.valueOf(error.getMessage());
        message = message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        err.println("error: " + safe(message, args));
        UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * {@code message} with each argument it quotes (and the value of each {@code --option=value})
     * masked as a streams string, then as {@link #mask(String)} masks it, escaped and cut.
     */
    static String safe(String message, String[] args) {
        String safe = message;
        for (String arg : args) {
            safe = maskQuoted(safe, arg);
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                safe = maskQuoted(safe, arg.substring(eq + 1));
            }
        }
        return LogText.of(mask(safe), MAX_CHARS);
    }

    private static String maskQuoted(String message, String arg) {
        if (arg.isEmpty()) {
            return message;
        }
        String masked = Secrets.mask(arg);
        return masked.equals(arg) ? message : message.replace(arg, masked);
    }

    /**
     * {@code text} with the passwords of any address in it masked: text holding {@code ://} is
     * masked as a streams string; other text is left as it is, since a password is only ever
     * written in an address (an {@code @} elsewhere, as in an e-mail address or {@code @FILE}, is kept).
     */
    static String mask(String text) {
        return text.contains("://") ? Secrets.mask(text) : text;
    }
}
