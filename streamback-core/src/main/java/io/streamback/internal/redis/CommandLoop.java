package io.streamback.internal.redis;

import io.lettuce.core.api.StatefulConnection;
import io.streamback.internal.concurrent.Wakeup;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback stream's own thread: runs every task that touches its state or issues a command,
 * one at a time, and flushes the command connection once per batch of tasks, so commands issued
 * together (the replies of a poll batch, the pops of many reads) reach Redis in one write.
 * Lettuce's I/O threads only hand results over to it. A task given while the loop runs costs no
 * wake-up: the loop is unparked only when it announced that it sleeps.
 */
final class CommandLoop implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);
    private static final int MAX_TASKS_PER_FLUSH = 4_096;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Wakeup wakeup;
    private final Thread thread;
    private volatile @Nullable StatefulConnection<String, String> flushed;
    private volatile @Nullable Runnable beforeFlush;
    private volatile boolean closed;

    CommandLoop(String name) {
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        this.wakeup = new Wakeup(thread);
        thread.start();
    }

    /** The connection whose commands this loop flushes after each batch (auto-flush is turned off on it). */
    void flushes(StatefulConnection<String, String> connection) {
        connection.setAutoFlushCommands(false);
        this.flushed = connection;
    }

    /** Runs {@code hook} on the loop after each batch of tasks, just before the flush. */
    void beforeFlush(Runnable hook) {
        this.beforeFlush = hook;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the feedback stream is closed");
        }
        enqueue(task);
    }

    private void enqueue(Runnable task) {
        tasks.add(task);
        wakeup.wake();
    }

    /** Whether the loop sleeps until a task comes (for tests). */
    boolean sleeps() {
        return wakeup.sleeps();
    }

    /** Runs {@code task} on this loop after {@code delay}. */
    void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (!closed) {
                execute(task);
            }
        });
    }

    private void run() {
        while (!closed) {
            Runnable task = next();
            if (task == null) {
                continue;
            }
            int done = 0;
            while (task != null) {
                runSafely(task);
                task = ++done < MAX_TASKS_PER_FLUSH ? tasks.poll() : null;
            }
            Runnable hook = beforeFlush;
            if (hook != null) {
                runSafely(hook);
            }
            StatefulConnection<String, String> connection = flushed;
            if (connection != null) {
                connection.flushCommands();
            }
        }
    }

    /** The next task, or null after a park (woken, interrupted or spuriously). */
    private @Nullable Runnable next() {
        Runnable task = tasks.poll();
        if (task != null) {
            return task;
        }
        wakeup.sleepUnless(() -> !tasks.isEmpty());
        Thread.interrupted(); // close() interrupts to end the loop, which then sees closed; else go on
        return tasks.poll();
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("event=feedback_task_failed error={}", LogText.of(e), e);
        }
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        enqueue(() -> drained.complete(null));
        try {
            drained.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stop anyway
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
