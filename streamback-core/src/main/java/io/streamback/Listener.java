package io.streamback;

/**
 * A class-based listener. Each worker creates its own instance through the factory given to
 * {@code listen(topic, MyListener::new)}, so fields are never shared across threads.
 */
public abstract class Listener {
    /** Creates the listener. */
    protected Listener() {
    }

    /** Handles one message; a thrown exception sends the error end marker to the sender. */
    public abstract void consume(Context context, Message message) throws Exception;

    /** Called when the worker stops or restarts, so buffered work can be written out. Does nothing by default. */
    public void flush() throws Exception {
    }
}
