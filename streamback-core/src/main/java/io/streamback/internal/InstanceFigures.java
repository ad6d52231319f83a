package io.streamback.internal;

import io.streamback.ext.ObservedInstance;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The figures of one engine that observers read: counters kept anyway, read without waiting. */
final class InstanceFigures implements ObservedInstance {
    private final String name;
    private final String consumerGroup;
    private final Outbox outbox;
    private final FeedbackWriter writer;
    private final Supplier<@Nullable WorkerRuntime> workers;

    InstanceFigures(String name, String consumerGroup, Outbox outbox, FeedbackWriter writer,
            Supplier<@Nullable WorkerRuntime> workers) {
        this.name = name;
        this.consumerGroup = consumerGroup;
        this.outbox = outbox;
        this.writer = writer;
        this.workers = workers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String consumerGroup() {
        return consumerGroup;
    }

    @Override
    public int readsWaiting() {
        return outbox.readsWaiting();
    }

    @Override
    public int writesOutstanding() {
        return writer.outstanding();
    }

    @Override
    public List<String> workerGroups() {
        WorkerRuntime running = workers.get();
        return running == null ? List.of() : running.groupNames();
    }

    @Override
    public int workers(String workerGroup) {
        WorkerRuntime running = workers.get();
        return running == null ? 0 : running.workers(workerGroup);
    }

    @Override
    public long lag(String workerGroup) {
        WorkerRuntime running = workers.get();
        return running == null ? -1 : running.lag(workerGroup);
    }

    @Override
    public String toString() {
        return "ObservedInstance{" + name + "}";
    }
}
