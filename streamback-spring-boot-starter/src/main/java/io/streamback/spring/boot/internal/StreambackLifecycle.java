package io.streamback.spring.boot.internal;

import io.streamback.Streamback;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link Streamback} with its application context: once the context is refreshed it adds the
 * context's listener beans and starts listening in the background; when the context closes it closes
 * the instance, waiting as long as its {@code shutdownTimeout} allows for listeners to finish the
 * message in hand, flush and commit, whatever Spring's own timeout per shutdown phase.
 *
 * <p>Phase {@link #PHASE}: it stops after the web server's graceful shutdown (HTTP requests in flight
 * may be waiting for replies) and before the web server stops; it starts after the web server.
 */
public final class StreambackLifecycle implements SmartLifecycle {
    /** Between Spring Boot's web server (DEFAULT_PHASE - 2048) and its graceful shutdown (DEFAULT_PHASE - 1024). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    private final Streamback streamback;
    private final ListenerBeans listenerBeans;
    private final Object monitor = new Object();
    private boolean running;
    private boolean stopped;

    /** Runs {@code streamback} with the listener beans of {@code beanFactory}. */
    public StreambackLifecycle(Streamback streamback, ConfigurableListableBeanFactory beanFactory) {
        this.streamback = streamback;
        this.listenerBeans = new ListenerBeans(beanFactory);
    }

    /**
     * Adds the listener beans and starts listening.
     *
     * @throws io.streamback.SetupException when a listener bean cannot be registered
     * @throws IllegalStateException when the context was stopped before: a closed instance does not start again
     */
    @Override
    public void start() {
        synchronized (monitor) {
            if (running) {
                return;
            }
            if (stopped) {
                throw new IllegalStateException("streamback '" + streamback.name() + "' was closed when the"
                        + " application context stopped, and a closed instance does not start again");
            }
            listenerBeans.addTo(streamback);
            streamback.startInBackground();
            running = true;
        }
    }

    /** Closes the instance: see {@link Streamback#close()}. */
    @Override
    public void stop() {
        synchronized (monitor) {
            running = false;
            stopped = true;
        }
        streamback.close();
    }

    /** Closes the instance, then runs {@code callback}: it returns once {@link Streamback#close()} has. */
    @Override
    public void stop(Runnable callback) {
        try {
            stop();
        } finally {
            callback.run();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (monitor) {
            return running;
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
