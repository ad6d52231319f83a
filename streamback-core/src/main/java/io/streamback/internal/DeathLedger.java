package io.streamback.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The deaths of process-mode worker children, in a file of the supervisor's that every child of
 * the application reads and appends to: one line per death, {@code position TAB worker TAB error}.
 * A child writes its own death before it leaves the consumer group, so whoever gets the record next
 * already counts it; the supervisor writes the death of a child that could not (killed, crashed).
 * Lines are appended with one write each, which the OS keeps whole between processes.
 */
final class DeathLedger {
    /** The ledger's file name in the supervisor's state folder. */
    static final String FILE = "deaths.log";
    private static final int MAX_ERROR = 300;

    /** How often one record killed a worker, and the last error. */
    record Deaths(int count, String lastError) {
    }

    private final Path file;
    private long readSize = -1;
    private Map<String, Deaths> deaths = Map.of();

    DeathLedger(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    /** Records that the worker {@code workerId} died of {@code error} while holding the record at {@code position}. */
    synchronized void append(String position, String workerId, String error) {
        String line = position + "\t" + workerId + "\t" + oneLine(error) + "\n";
        try {
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a worker's death in " + file, e);
        }
    }

    /** The deaths the record at {@code position} caused, or null if none; reads the file again when it grew. */
    synchronized @Nullable Deaths of(String position) {
        long size;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
            if (size != readSize) {
                deaths = parse(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of());
                readSize = size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workers' deaths in " + file, e);
        }
        return deaths.get(position);
    }

    private static Map<String, Deaths> parse(List<String> lines) {
        Map<String, Deaths> parsed = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                parsed.merge(fields[0], new Deaths(1, fields[2]),
                        (old, fresh) -> new Deaths(old.count() + 1, fresh.lastError()));
            }
        }
        return parsed;
    }

    private static String oneLine(String error) {
        String flat = error.replaceAll("[\\t\\r\\n\\p{Cntrl}]", " ");
        return flat.length() <= MAX_ERROR ? flat : flat.substring(0, MAX_ERROR) + "...";
    }
}
