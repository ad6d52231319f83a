package io.streamback.internal.concurrent;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How one thread of the library sleeps until it is given work. The thread says that it sleeps
 * before it looks for work a last time, and whoever gives work wakes it only when it said so: giving
 * work to a thread that is busy costs a read, not a system call.
 */
public final class Wakeup {
    /** Set by the thread just before it parks; whoever clears it unparks the thread. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final Thread thread;

    /** Wakes {@code thread}, the only one that may call {@link #sleepUnless}. */
    public Wakeup(Thread thread) {
        this.thread = thread;
    }

    /** Wakes the thread if it sleeps; call it after the work was given. */
    public void wake() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Parks the calling thread, the one given to the constructor, unless {@code workWaits} says
     * that work came before it said it sleeps; returns when woken, interrupted or spuriously.
     */
    public void sleepUnless(BooleanSupplier workWaits) {
        sleeping.set(true);
        if (!workWaits.getAsBoolean()) { // work given before the flag was set found nobody to wake
            LockSupport.park(this);
        }
        sleeping.set(false);
    }

    /** Whether the thread sleeps until it is given work (for tests). */
    public boolean sleeps() {
        return sleeping.get() && thread.getState() == Thread.State.WAITING;
    }
}
