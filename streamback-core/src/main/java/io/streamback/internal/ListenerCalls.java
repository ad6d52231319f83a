package io.streamback.internal;

import io.streamback.Context;
import io.streamback.ListenerTimeoutException;
import io.streamback.Message;
import io.streamback.ext.RecordObserver;
import io.streamback.internal.spi.InboundRecord;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one worker's listeners: on the worker's thread when the listener has no processing
 * timeout; else on a call thread of the worker's own, waiting at most the timeout. A call that
 * does not return in time is failed with {@link ListenerTimeoutException}; its thread is
 * interrupted and left behind, the next call gets a new thread and the listener a new instance.
 * Used by the worker's thread only.
 */
final class ListenerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);

    private final String workerId;
    private int threads;
    private @Nullable ExecutorService callThread;
    private volatile @Nullable Thread current;

    ListenerCalls(String workerId) {
        this.workerId = workerId;
    }

    /**
     * Calls {@code bound} on {@code message}; returns what it threw, or null. {@code observer} is told
     * before and after, on the thread that calls the listener.
     */
    @Nullable Throwable call(BoundListener bound, Context context, Message message, InboundRecord record,
            RecordObserver observer) {
        Duration timeout = bound.timeout();
        try {
            if (timeout == null) {
                consume(bound, context, message, observer);
                return null;
            }
            return callTimed(bound, context, message, record, timeout, observer);
        } catch (Exception | LinkageError | AssertionError e) {
            return e;
        }
    }

    private static void consume(BoundListener bound, Context context, Message message, RecordObserver observer)
            throws Exception {
        observer.beforeListener(bound.info());
        Throwable thrown = null;
        try {
            bound.listener().consume(context, message);
        } catch (Exception | Error e) {
            thrown = e;
            throw e;
        } finally {
            observer.afterListener(bound.info(), thrown);
        }
    }

    private @Nullable Throwable callTimed(BoundListener bound, Context context, Message message,
            InboundRecord record, Duration timeout, RecordObserver observer) throws Exception {
        Future<?> call = thread().submit(() -> {
            consume(bound, context, message, observer);
            return null;
        });
        try {
            call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception | e.getCause() instanceof LinkageError
                    | e.getCause() instanceof AssertionError) {
                return e.getCause();
            }
            if (e.getCause() instanceof Error error) {
                throw error; // kills the worker, as on the worker's own thread
            }
            throw e;
        } catch (TimeoutException e) {
            abandon(bound, record, timeout);
            return new ListenerTimeoutException(bound.info().name(), timeout);
        }
    }

    /** Leaves the stuck thread behind (interrupted) with its listener instance, after saying where it is stuck. */
    private void abandon(BoundListener bound, InboundRecord record, Duration timeout) {
        Thread stuck = current;
        StuckThread trace = new StuckThread(stuck);
        LOG.warn("event=listener_timeout worker={} listener={} {} timeout_ms={} thread={} action=\"record failed,"
                + " thread interrupted and left behind, listener instance replaced\"", workerId, bound.info().name(),
                record.position(), timeout.toMillis(), stuck == null ? "none" : stuck.getName(), trace);
        ExecutorService abandoned = callThread;
        callThread = null;
        if (abandoned != null) {
            abandoned.shutdownNow();
        }
        bound.renew();
    }

    private ExecutorService thread() {
        ExecutorService running = callThread;
        if (running == null) {
            String name = "streamback-" + workerId + "-call-" + ++threads;
            running = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                current = thread;
                return thread;
            });
            callThread = running;
        }
        return running;
    }

    /** Stops the call thread, if any, once the worker ends. */
    void close() {
        ExecutorService running = callThread;
        callThread = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    /** The stack of a stuck call thread, logged as the warning's exception. */
    private static final class StuckThread extends Throwable {
        private static final long serialVersionUID = 1L;

        StuckThread(@Nullable Thread thread) {
            super("where " + (thread == null ? "the call" : thread.getName()) + " is stuck", null, false, true);
            setStackTrace(thread == null ? new StackTraceElement[0] : thread.getStackTrace());
        }
    }
}
