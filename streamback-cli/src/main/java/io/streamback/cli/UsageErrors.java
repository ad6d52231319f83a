package io.streamback.cli;

import io.streamback.internal.text.LogText;
import io.streamback.internal.text.Secrets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a wrong command line in one {@code error: ...} line and a pointer to the help, without
 * the full usage help, and exits with 2. A misspelt option or command gets "did you mean". picocli
 * quotes the arguments it could not use, and one may be a streams string given to a mistyped
 * option: its passwords are masked.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** Longest error line: long enough for a streams string and the option it was given to. */
    static final int MAX_CHARS = 1000;

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        String message = error instanceof UnmatchedArgumentException unmatched ? unmatched(unmatched, command)
                : String.valueOf(error.getMessage());
        message = message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        err.println("error: " + safe(message, args));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** An argument nobody took: an unknown option or command, with the closest known one. */
    private static String unmatched(UnmatchedArgumentException error, CommandLine command) {
        List<String> unmatched = error.getUnmatched();
        CommandSpec spec = command.getCommandSpec();
        String option = unmatched.stream().filter(arg -> arg.startsWith("-") && arg.length() > 1).findFirst()
                .orElse(null);
        if (option != null) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            List<String> names = new ArrayList<>();
            for (OptionSpec known : spec.options()) {
                if (!known.hidden()) {
                    names.addAll(List.of(known.names()));
                }
            }
            String close = Suggestions.closest(name, names);
            return "unknown option '" + name + "' for " + spec.qualifiedName()
                    + (close == null ? "" : " (did you mean '" + close + "'?)");
        }
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (!spec.subcommands().isEmpty()) {
            String close = Suggestions.closest(first, spec.subcommands().keySet());
            return "'" + first + "' is not a command" + (close == null ? "" : " (did you mean '" + close + "'?)")
                    + "; the commands are " + String.join(", ", spec.subcommands().keySet());
        }
        return "unexpected argument" + (unmatched.size() > 1 ? "s " : " ") + "'" + String.join("', '", unmatched)
                + "': " + spec.qualifiedName() + " takes no more (quote a JSON value that holds spaces)";
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
