package io.streamback.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, read from {@code /proc/<pid>/status} (Linux); -1 where unknown. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** The resident set size of process {@code pid} in bytes, or -1. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The resident set size of this process in bytes, or -1. */
    public static long ownRssBytes() {
        return rssBytes(ProcessHandle.current().pid());
    }
}
