package io.streamback.internal;

import io.streamback.internal.concurrent.Wakeup;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock of every {@link HeldReplies}: one thread that ticks every {@link #TICK_NANOS} while
 * replies were held lately, and sleeps after {@link #IDLE_AFTER_TICKS} ticks without any. Holding a
 * reply costs the listener's thread a queue insert, not a timer: a timer per record woke its thread
 * for every record, and the record's thread paid that wake-up before its listener went on.
 */
final class HoldTicker implements Runnable {
    /** The time between two ticks: the hold time, so a reply waits between half of it and one and a half. */
    static final long TICK_NANOS = HeldReplies.HOLD_NANOS;
    /** Empty ticks after which the thread sleeps until a reply is held again (about 10 ms). */
    private static final int IDLE_AFTER_TICKS = 50;
    static final HoldTicker SHARED = new HoldTicker();

    private final ConcurrentLinkedQueue<HeldReplies> watched = new ConcurrentLinkedQueue<>();
    private final Wakeup wakeup;

    private HoldTicker() {
        Thread thread = new Thread(this, "streamback-held-replies");
        thread.setDaemon(true);
        wakeup = new Wakeup(thread);
        thread.start();
    }

    /** Ticks for {@code held} until its {@link HeldReplies#tick} says it holds nothing. */
    void watch(HeldReplies held) {
        watched.add(held);
        wakeup.wake();
    }

    /** Whether the ticker sleeps until a reply is held (for tests). */
    boolean sleeps() {
        return wakeup.sleeps();
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
                wakeup.sleepUnless(() -> !watched.isEmpty());
                emptyTicks = 0;
            }
        }
    }
}
