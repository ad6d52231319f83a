package io.streamback.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code send} takes its JSON from: the argument itself, {@code -} for stdin, or
 * {@code @path} for a file. Read whole it is one JSON value; read by lines (batch mode), one a line.
 */
final class MessageInput {
    private final String argument;
    private final InputStream stdin;

    MessageInput(String argument, InputStream stdin) {
        this.argument = argument;
        this.stdin = stdin;
    }

    /** What the input is, for messages: {@code stdin}, {@code file data.json}, {@code the JSON argument}. */
    String name() {
        if (argument.equals("-")) {
            return "stdin";
        }
        if (isFile()) {
            return "file " + argument.substring(1);
        }
        return "the JSON argument";
    }

    private boolean isFile() {
        return argument.startsWith("@") && argument.length() > 1;
    }

    /**
     * The one JSON value the input holds.
     *
     * @throws IllegalArgumentException when it is not exactly one JSON value, or the file cannot be read
     */
    @Nullable Object value() {
        String text;
        try (BufferedReader reader = open()) {
            StringBuilder all = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                all.append(buffer, 0, n);
            }
            text = all.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + name() + ": " + e.getMessage(), e);
        }
        if (text.isBlank() && !argument.equals("-") && !isFile()) {
            return JsonArgument.parse(text);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(name() + " is empty: it must hold one JSON value, e.g. {\"name\":\"Ada\"}");
        }
        try {
            return JsonArgument.parse(text.strip());
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage().endsWith("there is more after the first value")
                    ? " (to send one message per line, add --lines)" : "";
            throw new IllegalArgumentException(inputPrefix() + e.getMessage() + hint, e);
        }
    }

    private String inputPrefix() {
        return argument.equals("-") || isFile() ? name() + ": " : "";
    }

    /**
     * A reader of the input's text, UTF-8.
     *
     * @throws IllegalArgumentException when the file does not exist or cannot be opened
     */
    BufferedReader open() {
        Reader reader;
        if (argument.equals("-")) {
            reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        } else if (isFile()) {
            Path path = Path.of(argument.substring(1));
            try {
                reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file: " + path
                        + " (an argument starting with @ names a file; write the JSON itself to send text starting with @)");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read file " + path + ": " + e.getMessage(), e);
            }
        } else {
            reader = new StringReader(argument);
        }
        return new BufferedReader(reader);
    }

    /** Reads the next line, or null at the end. */
    static @Nullable String nextLine(BufferedReader reader, String name) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
