package io.streamback;

import org.jspecify.annotations.Nullable;

/**
 * A consumer group answered with an error end marker: at least one of its listeners failed.
 * Python streamback calls this {@code FeedbackError}.
 */
public final class FeedbackException extends StreambackException {
    private static final long serialVersionUID = 1L;

    private final String remoteError;
    private final @Nullable String sourceGroup;

    /** Creates the exception for the error text sent by {@code sourceGroup}. */
    public FeedbackException(String remoteError, @Nullable String sourceGroup) {
        super("consumer group " + (sourceGroup == null ? "(unknown)" : sourceGroup) + " failed: " + remoteError);
        this.remoteError = remoteError;
        this.sourceGroup = sourceGroup;
    }

    /** The error text as the remote side sent it, e.g. {@code ValueError('boom')}. */
    public String remoteError() {
        return remoteError;
    }

    /** The consumer group that failed, when it said. */
    public @Nullable String sourceGroup() {
        return sourceGroup;
    }
}
