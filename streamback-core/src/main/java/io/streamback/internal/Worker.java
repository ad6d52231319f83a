package io.streamback.internal;

import io.streamback.spi.InboundRecord;
import io.streamback.spi.MainConsumer;
import io.streamback.spi.MainStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread owning one consumer and its own listener instances: poll, process every record,
 * commit what was processed. On stop it finishes the batch in hand, flushes its listeners, commits
 * synchronously and leaves the group.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final String id;
    private final String group;
    private final MainStream main;
    private final List<Subscription> subscriptions;
    private final Topics topics;
    private final RecordProcessor processor;
    private final Callbacks callbacks;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile MainConsumer consumer;

    Worker(String id, String group, MainStream main, List<Subscription> subscriptions, Topics topics,
            RecordProcessor processor, Callbacks callbacks) {
        this.id = id;
        this.group = group;
        this.main = main;
        this.subscriptions = subscriptions;
        this.topics = topics;
        this.processor = processor;
        this.callbacks = callbacks;
    }

    @Override
    public void run() {
        try {
            callbacks.workerStart();
            Map<String, List<RecordProcessor.Bound>> byTopic = instantiateListeners();
            consumer = main.subscribe(group, id, byTopic.keySet());
            LOG.info("event=worker_started worker={} group={} topics={}", id, group, byTopic.keySet());
            List<InboundRecord> uncommitted = new ArrayList<>();
            try {
                loop(byTopic, uncommitted);
            } finally {
                flushListeners(byTopic);
                try {
                    consumer.commit(uncommitted, true);
                } finally {
                    consumer.close();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("event=worker_failed worker={} error={}", id, e.toString(), e);
        } finally {
            LOG.info("event=worker_stopped worker={}", id);
            finished.countDown();
        }
    }

    private Map<String, List<RecordProcessor.Bound>> instantiateListeners() {
        Map<String, List<RecordProcessor.Bound>> byTopic = new HashMap<>();
        for (Subscription subscription : subscriptions) {
            byTopic.computeIfAbsent(topics.full(subscription.info().topic()), t -> new ArrayList<>())
                    .add(new RecordProcessor.Bound(subscription.info(), subscription.factory().get()));
        }
        return byTopic;
    }

    /** Polls and processes until stopped; {@code processed} is left holding what was not committed yet. */
    private void loop(Map<String, List<RecordProcessor.Bound>> byTopic, List<InboundRecord> processed) {
        while (running) {
            List<InboundRecord> records = consumer.poll(POLL_TIMEOUT);
            for (InboundRecord record : records) {
                processor.process(record, byTopic.getOrDefault(record.topic(), List.of()));
                processed.add(record);
            }
            if (running && !processed.isEmpty()) {
                consumer.commit(processed, false);
                processed.clear();
            }
        }
    }

    private void flushListeners(Map<String, List<RecordProcessor.Bound>> byTopic) {
        byTopic.values().stream().flatMap(List::stream).map(RecordProcessor.Bound::listener).distinct()
                .forEach(listener -> {
                    try {
                        listener.flush();
                    } catch (Exception e) {
                        LOG.warn("event=listener_flush_failed worker={} listener={} error={}", id,
                                listener.getClass().getName(), e.toString(), e);
                    }
                });
    }

    /** Asks the worker to stop after the batch in hand. */
    void stop() {
        running = false;
        MainConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits until the worker stopped, at most {@code timeout}; true if it did. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
