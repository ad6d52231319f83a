package io.streamback.bench;

import io.streamback.internal.concurrent.Wakeup;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * The cheapest hand-over between threads we know: one thread running what it is given, from a
 * lock-free queue, woken only when it said that it sleeps (Streamback's feedback loop does the
 * same). For a floor that keeps its work off Lettuce's I/O threads, as the library must.
 */
final class HandOverThread implements Executor, AutoCloseable {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Wakeup wakeup;
    private volatile boolean closed;

    HandOverThread(String name) {
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        this.wakeup = new Wakeup(thread);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        wakeup.wake();
    }

    private void run() {
        while (!closed) {
            Runnable task = tasks.poll();
            if (task == null) {
                wakeup.sleepUnless(() -> closed || !tasks.isEmpty());
            } else {
                task.run();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        wakeup.wake();
        thread.interrupt();
    }
}
