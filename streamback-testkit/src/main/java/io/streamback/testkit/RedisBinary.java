package io.streamback.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import redis.embedded.core.ExecutableProvider;

/**
 * Locates a {@code redis-server} executable: the one on {@code PATH} if any, otherwise the
 * binary bundled in {@code com.github.codemonstur:embedded-redis} (extracted once per JVM).
 */
final class RedisBinary {

    private static final String NAME = "redis-server";

    private static @Nullable Path bundled;

    private RedisBinary() {
    }

    /** Returns the executable to run and a short description of where it came from. */
    static Located locate() {
        Path onPath = findOnPath(System.getenv("PATH"));
        if (onPath != null) {
            return new Located(onPath, "from PATH");
        }
        return new Located(bundled(), "bundled with embedded-redis");
    }

    /** Returns the first executable {@code redis-server} in the given {@code PATH} value. */
    static @Nullable Path findOnPath(@Nullable String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, NAME);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static synchronized Path bundled() {
        Path current = bundled;
        if (current == null || !Files.isExecutable(current)) {
            try {
                current = ExecutableProvider.newJarResourceProvider().get().toPath();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "could not extract the redis-server binary bundled with embedded-redis "
                                + "(install redis-server on PATH instead): " + e.getMessage(), e);
            }
            bundled = current;
        }
        return current;
    }

    /** A located executable. */
    record Located(Path executable, String source) {
        @Override
        public String toString() {
            return executable + " (" + source + ")";
        }
    }
}
