package io.streamback;

import java.time.Duration;

/**
 * A listener call did not return within its {@link ProcessingTimeout}: the record failed as if the
 * listener had thrown this. A {@link RetryStrategy} retries it unless its {@code on(...)} leaves it out.
 */
public final class ListenerTimeoutException extends StreambackException {
    private static final long serialVersionUID = 1L;

    /** The call of {@code listener} had not returned after {@code timeout}. */
    public ListenerTimeoutException(String listener, Duration timeout) {
        super("listener '" + listener + "' did not return within " + timeout.toMillis()
                + " ms (its processing timeout): its thread was interrupted and left behind");
    }
}
