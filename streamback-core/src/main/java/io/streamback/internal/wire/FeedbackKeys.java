package io.streamback.internal.wire;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names of the Redis lists that carry replies: {@code streamback_feedback_<uuid>}.
 *
 * <p>A consumer writes only to keys that pass {@link #isValid(String)}, so a record on Kafka can
 * not make it write to an arbitrary Redis key.
 */
public final class FeedbackKeys {
    /** The prefix every feedback key starts with. */
    public static final String PREFIX = "streamback_feedback_";

    /** The length of a UUID's text: 8-4-4-4-12 hex digits. */
    private static final int UUID_LENGTH = 36;

    private FeedbackKeys() {
    }

    /** A new random feedback key. */
    public static String newKey() {
        return PREFIX + randomUuid();
    }

    /**
     * A random (version 4) UUID from a thread-local generator: feedback keys must be unique, not
     * secret (anyone who reads the topic sees them), and {@link UUID#randomUUID()} takes a lock on
     * the system's secure generator for every message.
     */
    public static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }

    /** Whether {@code key} is {@link #PREFIX} followed by a UUID and nothing else. */
    public static boolean isValid(String key) {
        if (key.length() != PREFIX.length() + UUID_LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = key.charAt(PREFIX.length() + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
        }
        return true;
    }
}
