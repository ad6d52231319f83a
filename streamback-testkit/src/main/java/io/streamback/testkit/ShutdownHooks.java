package io.streamback.testkit;

/** Registers and removes JVM shutdown hooks, tolerating a JVM that is already shutting down. */
final class ShutdownHooks {

    private ShutdownHooks() {
    }

    /** Registers {@code action} to run when the JVM exits and returns the hook thread. */
    static Thread register(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes {@code hook}; does nothing if the JVM is already shutting down. */
    static void unregister(Thread hook) {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to run; close() is idempotent
        }
    }
}
