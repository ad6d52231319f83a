package io.streamback.internal.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.streamback.internal.text.LogText;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims ticks in a local state file, {@code schedule-<app>.json}, which records the last tick sent
 * per schedule: a tick is claimed once if it is later than that. Right for a single replica without
 * a feedback stream; the file survives restarts, so a missed tick is not sent twice. The file is
 * rewritten atomically (temporary file, then move) at every claim.
 */
final class FileTickClaims implements TickClaims {
    private static final Logger LOG = LoggerFactory.getLogger(FileTickClaims.class);
    private static final TypeReference<Map<String, Map<String, String>>> FORMAT = new TypeReference<>() {
    };
    // the file's own format, not the application's values: immutable readers and writers, no shared mapper
    private static final ObjectReader READER = new ObjectMapper().readerFor(FORMAT);
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();
    private static final String LAST_SENT = "last_sent_tick";

    private final Path file;
    private final Map<String, Instant> lastSent;

    private FileTickClaims(Path file, Map<String, Instant> lastSent) {
        this.file = file;
        this.lastSent = lastSent;
    }

    /** The claims of application {@code appName}, kept in {@code stateDir}, read back from an earlier run. */
    static FileTickClaims open(Path stateDir, String appName) {
        Path file = stateDir.resolve("schedule-" + appName.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        return new FileTickClaims(file, read(file));
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized boolean claim(String schedule, Instant tick) {
        Instant last = lastSent.get(schedule);
        if (last != null && !tick.isAfter(last)) {
            return false;
        }
        lastSent.put(schedule, tick);
        write();
        return true;
    }

    @Override
    public String describe() {
        return "file:" + file;
    }

    private static Map<String, Instant> read(Path file) {
        Map<String, Instant> lastSent = new TreeMap<>();
        if (!Files.exists(file)) {
            return lastSent;
        }
        try {
            Map<String, Map<String, String>> state = READER.readValue(file.toFile());
            state.getOrDefault(LAST_SENT, Map.of()).forEach((name, tick) -> lastSent.put(name, Instant.parse(tick)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=schedule_state_unreadable file={} reason=\"{}\""
                    + " effect=\"a tick missed while down may be sent again\"", file, LogText.of(e.getMessage()));
            lastSent.clear();
        }
        return lastSent;
    }

    /** Writes the state; a failure is logged, not thrown: this process still remembers what it sent. */
    private void write() {
        Map<String, String> ticks = new TreeMap<>();
        lastSent.forEach((name, tick) -> ticks.put(name, tick.toString()));
        @Nullable Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            WRITER.writeValue(temp.toFile(), Map.of(LAST_SENT, ticks));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("event=schedule_state_not_saved file={} reason=\"{}\" effect=\"a restart may send a tick again\"",
                    file, LogText.of(e.getMessage()));
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(@Nullable Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.debug("event=schedule_state_temp_left file={}", temp);
            }
        }
    }
}
