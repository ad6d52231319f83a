package io.streamback.internal;

import io.streamback.Streamback;
import io.streamback.spi.MainStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the workers of one Streamback instance: for now one pool worker runs every listener. */
public final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts the workers for {@code subscriptions}. */
    public WorkerPool(Streamback streamback, String group, MainStream main, List<Subscription> subscriptions,
            Topics topics, FeedbackWriter writer, Callbacks callbacks) {
        RecordProcessor processor = new RecordProcessor(streamback, group, topics, writer, callbacks);
        String id = streamback.name() + "-pool-0";
        Worker worker = new Worker(id, group, main, List.copyOf(subscriptions), topics, processor, callbacks);
        workers.add(worker);
        Thread thread = new Thread(worker, "streamback-" + id);
        threads.add(thread);
        thread.start();
    }

    /** Stops every worker, waiting at most {@code timeout} for them to finish their batch and flush. */
    public void stop(Duration timeout) {
        workers.forEach(Worker::stop);
        for (Worker worker : workers) {
            try {
                if (!worker.awaitStopped(timeout)) {
                    LOG.warn("event=worker_stop_timeout timeout_ms={}", timeout.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
