package io.streamback.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The record a process-mode child holds right now, in a small memory-mapped file of the
 * supervisor's state folder: a write per record costs a memory copy, and what was written survives
 * the child's sudden death, so the supervisor reads what a killed child held.
 */
final class HeldRecordFile implements AutoCloseable {
    private static final int SIZE = 4096;

    private final FileChannel channel;
    private final MappedByteBuffer map;

    private HeldRecordFile(FileChannel channel, MappedByteBuffer map) {
        this.channel = channel;
        this.map = map;
    }

    /** The file of the worker {@code workerId}. */
    static Path path(Path stateDir, String workerId) {
        return stateDir.resolve(workerId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".held");
    }

    /** Opens (creates) the file for writing by its child. */
    static HeldRecordFile open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new HeldRecordFile(channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the held-record file " + file, e);
        }
    }

    /** The child holds the record at {@code position}. */
    void hold(String position) {
        byte[] bytes = position.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, SIZE - Integer.BYTES);
        map.putInt(0, 0);
        map.put(Integer.BYTES, bytes, 0, length);
        map.putInt(0, length);
    }

    /** The child holds no record. */
    void clear() {
        map.putInt(0, 0);
    }

    /** What {@code file} says its child held, or null for nothing (or no file). */
    static @Nullable String read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(SIZE);
            channel.read(buffer, 0);
            buffer.flip();
            if (buffer.remaining() < Integer.BYTES) {
                return null;
            }
            int length = buffer.getInt(0);
            if (length <= 0 || length > buffer.remaining() - Integer.BYTES) {
                return null;
            }
            byte[] bytes = new byte[length];
            buffer.get(Integer.BYTES, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the mapping stays valid until collected; nothing to do
        }
    }
}
