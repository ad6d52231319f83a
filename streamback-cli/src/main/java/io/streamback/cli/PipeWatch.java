package io.streamback.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells, on Linux, when nobody reads stdout any more although nothing was written to it since: the
 * pipe's reader ({@code | head -2}) exited. Writing finds that out only at the next line, which an
 * idle topic may never bring; this looks in {@code /proc} for another process holding the pipe's
 * read end. Elsewhere, or where {@code /proc} shows no reader to begin with, it never says so.
 */
final class PipeWatch {
    private static final Path PROC = Path.of("/proc");

    private final String pipe;
    private final String self;
    private List<Path> readers;

    private PipeWatch(String pipe, String self, List<Path> readers) {
        this.pipe = pipe;
        this.self = self;
        this.readers = readers;
    }

    /** A watch of stdout when it is a pipe whose reader can be seen, else null. */
    static @Nullable PipeWatch ofStdout() {
        try {
            Path stdout = PROC.resolve("self/fd/1");
            if (!Files.isSymbolicLink(stdout)) {
                return null;
            }
            String target = Files.readSymbolicLink(stdout).toString();
            if (!target.startsWith("pipe:")) {
                return null;
            }
            String self = Long.toString(ProcessHandle.current().pid());
            List<Path> readers = readers(target, self);
            return readers.isEmpty() ? null : new PipeWatch(target, self, readers);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Whether every process that held the pipe's read end has closed it. */
    boolean readerGone() {
        readers.removeIf(fd -> !holdsPipe(fd));
        if (!readers.isEmpty()) {
            return false;
        }
        readers = readers(pipe, self); // a reader may have handed the pipe on
        return readers.isEmpty();
    }

    private boolean holdsPipe(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().equals(pipe);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The fds of other processes open on {@code pipe} for reading. */
    private static List<Path> readers(String pipe, String self) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, entry -> isPid(entry, self))) {
            for (Path process : processes) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        if (Files.readSymbolicLink(fd).toString().equals(pipe) && readable(process, fd)) {
                            found.add(fd);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to look at
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        return found;
    }

    private static boolean isPid(Path entry, String self) {
        String name = entry.getFileName().toString();
        return !name.equals(self) && !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** Whether {@code fd} is open for reading: its fdinfo's flags are not O_WRONLY. */
    private static boolean readable(Path process, Path fd) {
        try {
            for (String line : Files.readAllLines(process.resolve("fdinfo").resolve(fd.getFileName()),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith("flags:")) {
                    int flags = Integer.parseInt(line.substring("flags:".length()).trim(), 8);
                    return (flags & 3) != 1;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return false;
        }
        return false;
    }
}
