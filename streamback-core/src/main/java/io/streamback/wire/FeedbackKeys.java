package io.streamback.wire;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names of the Redis lists that carry replies: {@code streamback_feedback_<uuid>}.
 *
 * <p>A consumer writes only to keys that pass {@link #isValid(String)}, so a record on Kafka can
 * not make it write to an arbitrary Redis key.
 */
public final class FeedbackKeys {
    /** The prefix every feedback key starts with. */
    public static final String PREFIX = "streamback_feedback_";

    private static final Pattern VALID = Pattern.compile(
            Pattern.quote(PREFIX) + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private FeedbackKeys() {
    }

    /** A new random feedback key. */
    public static String newKey() {
        return PREFIX + UUID.randomUUID();
    }

    /** Whether {@code key} is {@link #PREFIX} followed by a UUID and nothing else. */
    public static boolean isValid(String key) {
        return VALID.matcher(key).matches();
    }
}
