package io.streamback.internal;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of every {@link HeldReplies}: one thread that ticks every {@link #TICK_NANOS} while
 * replies were held lately, and sleeps after {@link #IDLE_AFTER_TICKS} ticks without any. Holding a
 * reply costs the listener's thread a queue insert, not a timer: a timer per record woke its thread
 * for every record, and the record's thread paid that wake-up before its listener went on.
 */
final class HoldTicker implements Runnable {
    /** The time between two ticks. */
    static final long TICK_NANOS = 200_000;
    /** Empty ticks after which the thread sleeps until a reply is held again (about 10 ms). */
    private static final int IDLE_AFTER_TICKS = 50;
    static final HoldTicker SHARED = new HoldTicker();

    private final ConcurrentLinkedQueue<HeldReplies> watched = new ConcurrentLinkedQueue<>();
    /** Set by the ticker just before it sleeps for good; whoever clears it wakes the ticker. */
    private final AtomicBoolean idle = new AtomicBoolean();
    private final Thread thread;

    private HoldTicker() {
        thread = new Thread(this, "streamback-held-replies");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ticks for {@code held} until its {@link HeldReplies#tick} says it holds nothing. */
    void watch(HeldReplies held) {
        watched.add(held);
        if (idle.get() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the ticker sleeps until a reply is held (for tests). */
    boolean sleeps() {
        return idle.get() && thread.getState() == Thread.State.WAITING;
    }

    @Override
    public void run() {
        int emptyTicks = 0;
        while (true) {
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            boolean any = false;
            for (Iterator<HeldReplies> it = watched.iterator(); it.hasNext(); ) {
                any = true;
                if (it.next().tick(now)) {
                    it.remove();
                }
            }
            emptyTicks = any ? 0 : emptyTicks + 1;
            if (emptyTicks >= IDLE_AFTER_TICKS) {
                idle.set(true);
                if (watched.isEmpty()) { // a reply held before the flag was set found nobody to wake
                    LockSupport.park(this);
                }
                idle.set(false);
                emptyTicks = 0;
            }
        }
    }
}
