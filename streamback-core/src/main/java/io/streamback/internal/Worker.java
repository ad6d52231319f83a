package io.streamback.internal;

import io.streamback.spi.FeedbackRejectedException;
import io.streamback.spi.InboundRecord;
import io.streamback.spi.MainConsumer;
import io.streamback.spi.MainStream;
import io.streamback.spi.PartitionRef;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread owning one consumer and its own listener instances: poll, process each record, commit
 * what was processed (asynchronously after each batch, synchronously when partitions are revoked and
 * on stop). A retry wait pauses the partitions and keeps polling. On stop it finishes the record in
 * hand, flushes its listeners, commits and leaves the group; records polled but not started are
 * left to the next owner.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PAUSED_POLL = Duration.ofMillis(100);
    /** A safety bound: the feedback stream itself fails a write after its write timeout. */
    private static final Duration FEEDBACK_WAIT_LIMIT = Duration.ofMinutes(5);
    /** Records handled but waiting for their feedback writes beyond which the worker waits for them. */
    private static final int MAX_UNCOMMITTED = 20_000;
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final int COMMIT_EVERY = 2_000;
    private long lastCommit = System.nanoTime();

    private final String id;
    private final String group;
    private final MainStream main;
    private final GroupSpec spec;
    private final Topics topics;
    private final RecordProcessor processor;
    private final Callbacks callbacks;
    final WorkerStats stats = new WorkerStats();

    private final Deque<InboundRecord> pending = new ArrayDeque<>();
    private final List<InboundRecord> uncommitted = new ArrayList<>();
    private final Map<InboundRecord, RecordWrites> feedbackWrites = new IdentityHashMap<>();
    private final EndMarkers endMarkers;
    private final Set<PartitionRef> revokedWhileWaiting = new HashSet<>();
    private final FatalRecords fatalRecords;
    private volatile @Nullable InboundRecord inHand;
    private volatile boolean running = true;
    private volatile @Nullable MainConsumer consumer;

    Worker(String id, String group, MainStream main, GroupSpec spec, Topics topics, RecordProcessor processor,
            Callbacks callbacks, FatalRecords fatalRecords) {
        this.fatalRecords = fatalRecords;
        this.id = id;
        this.group = group;
        this.main = main;
        this.spec = spec;
        this.topics = topics;
        this.processor = processor;
        this.endMarkers = processor.endMarkers();
        this.callbacks = callbacks;
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        try {
            callbacks.workerStart();
            Map<String, List<RecordProcessor.Bound>> byTopic = instantiateListeners();
            MainConsumer subscribed = main.subscribe(group, id, byTopic.keySet(), this::revoked);
            consumer = subscribed;
            LOG.info("event=worker_started worker={} group={} topics={}", id, group, byTopic.keySet());
            try {
                loop(subscribed, byTopic);
            } finally {
                flushListeners(byTopic);
                try {
                    subscribed.commit(writtenOrRewound(subscribed, uncommitted), true);
                } finally {
                    subscribed.close();
                }
            }
        } catch (RuntimeException | Error e) {
            InboundRecord killer = inHand;
            if (killer != null) {
                fatalRecords.workerDied(killer, e);
            }
            LOG.error("event=worker_failed worker={} {} error={}", id,
                    killer == null ? "record=none" : killer.position(), e.toString(), e);
        } finally {
            LOG.info("event=worker_stopped worker={} processed={}", id, stats.processed.get());
        }
    }

    private Map<String, List<RecordProcessor.Bound>> instantiateListeners() {
        Map<String, List<RecordProcessor.Bound>> byTopic = new HashMap<>();
        for (Subscription subscription : spec.subscriptions()) {
            byTopic.computeIfAbsent(topics.full(subscription.info().topic()), t -> new ArrayList<>())
                    .add(new RecordProcessor.Bound(subscription.info(), subscription.factory().get(),
                            subscription.options().retry()));
        }
        return byTopic;
    }

    private void loop(MainConsumer subscribed, Map<String, List<RecordProcessor.Bound>> byTopic) {
        while (running) {
            pending.addAll(subscribed.poll(POLL_TIMEOUT));
            while (running && !pending.isEmpty()) {
                InboundRecord record = pending.poll();
                List<RecordProcessor.Bound> listeners = byTopic.getOrDefault(record.topic(), List.of());
                String killerError = fatalRecords.killerError(record);
                RecordWrites writes = new RecordWrites();
                long started = System.nanoTime();
                if (killerError != null) {
                    processor.giveUp(record, listeners, killerError, stats, writes);
                    fatalRecords.forget(record);
                    done(record, writes, started);
                    continue;
                }
                inHand = record;
                RecordProcessor.Outcome outcome = processor.process(record, listeners, this::awaitRetry, stats, writes);
                inHand = null;
                fatalRecords.forget(record);
                if (outcome == RecordProcessor.Outcome.DONE) {
                    done(record, writes, started);
                }
            }
            if (running && !uncommitted.isEmpty() && commitDue()) {
                List<InboundRecord> ready = writtenSoFar(subscribed);
                if (!ready.isEmpty()) {
                    subscribed.commit(ready, false);
                    lastCommit = System.nanoTime();
                }
            }
        }
    }

    /**
     * Commits in the background at most every {@link #COMMIT_INTERVAL} (or every
     * {@link #COMMIT_EVERY} records): one commit per poll costs the brokers as much as the records
     * when requests come one by one. Revocation and stop commit at once, synchronously.
     */
    private boolean commitDue() {
        return uncommitted.size() >= COMMIT_EVERY || System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos();
    }

    private void done(InboundRecord record, RecordWrites writes, long started) {
        uncommitted.add(record);
        feedbackWrites.put(record, writes);
        endMarkers.add(writes, System.nanoTime() - started, pending.isEmpty());
    }

    /**
     * Of {@code records}, those whose feedback reached Redis, in order, up to the first one per
     * partition whose feedback could not be written: that partition is rewound to it, so it and the
     * records after it are delivered again instead of their callers never getting an answer.
     * Waits for every write; see {@link #writtenSoFar} for the loop, which does not.
     */
    private List<InboundRecord> writtenOrRewound(MainConsumer subscribed, List<InboundRecord> records) {
        return committable(subscribed, records, true);
    }

    /**
     * Takes out of {@link #uncommitted} the records that can be committed now, without waiting:
     * per partition, those up to the first whose feedback is still on its way. The worker polls on
     * meanwhile, so Redis round trips overlap with handling the next records. When too many
     * records wait, it waits for them instead, so a slow Redis slows the worker down.
     */
    private List<InboundRecord> writtenSoFar(MainConsumer subscribed) {
        boolean wait = uncommitted.size() > MAX_UNCOMMITTED;
        List<InboundRecord> ready = committable(subscribed, uncommitted, wait);
        if (wait) {
            uncommitted.clear();
        } else {
            Set<InboundRecord> taken = Collections.newSetFromMap(new IdentityHashMap<>());
            taken.addAll(ready);
            uncommitted.removeIf(record -> taken.contains(record) || !feedbackWrites.containsKey(record));
        }
        return ready;
    }

    private List<InboundRecord> committable(MainConsumer subscribed, List<InboundRecord> records, boolean wait) {
        endMarkers.send();
        List<InboundRecord> written = new ArrayList<>();
        Map<PartitionRef, Long> rewind = new HashMap<>();
        Set<PartitionRef> blocked = new HashSet<>();
        for (InboundRecord record : records) {
            PartitionRef partition = PartitionRef.of(record);
            if (blocked.contains(partition)) {
                continue;
            }
            RecordWrites recorded = feedbackWrites.get(record);
            CompletableFuture<Void> writes = recorded == null ? null : recorded.all();
            if (rewind.containsKey(partition)) {
                feedbackWrites.remove(record);
                continue;
            }
            if (!wait && writes != null && !writes.isDone()) {
                blocked.add(partition); // still on its way: nothing after it in this partition is committed yet
                continue;
            }
            feedbackWrites.remove(record);
            String failure = failure(writes);
            if (failure == null) {
                written.add(record);
            } else {
                rewind.put(partition, record.offset());
                LOG.warn("event=record_redelivered worker={} {} reason=\"its feedback could not be written: {}\"", id,
                        record.position(), failure);
            }
        }
        if (!rewind.isEmpty()) {
            subscribed.rewind(rewind);
            pending.removeIf(r -> rewind.containsKey(PartitionRef.of(r)));
            records.stream().filter(r -> rewind.containsKey(PartitionRef.of(r))).forEach(feedbackWrites::remove);
        }
        return written;
    }

    private static @Nullable String failure(@Nullable CompletableFuture<Void> writes) {
        if (writes == null) {
            return null;
        }
        try {
            writes.get(FEEDBACK_WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeedbackRejectedException rejected) {
                // written again it would be refused again: redelivering would block the partition for good
                LOG.warn("event=feedback_dropped reason=\"{}\"", rejected.getMessage());
                return null;
            }
            return e.getCause() == null ? e.toString() : e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "not written after " + FEEDBACK_WAIT_LIMIT.toSeconds() + " s";
        }
    }

    /** Waits {@code interval} with partitions paused, polling so the group keeps this member. */
    private boolean awaitRetry(InboundRecord record, Duration interval) {
        MainConsumer subscribed = consumer;
        long due = System.nanoTime() + interval.toNanos();
        revokedWhileWaiting.clear();
        subscribed.pause();
        try {
            while (running && System.nanoTime() < due) {
                Duration left = Duration.ofNanos(due - System.nanoTime());
                pending.addAll(subscribed.poll(left.compareTo(PAUSED_POLL) < 0 ? left : PAUSED_POLL));
                if (revokedWhileWaiting.contains(PartitionRef.of(record))) {
                    return false;
                }
            }
            return running;
        } finally {
            subscribed.resume();
        }
    }

    /** Partitions taken away: commit what was done of them, forget what was not started. */
    private void revoked(Collection<PartitionRef> partitions) {
        stats.revocations.incrementAndGet();
        revokedWhileWaiting.addAll(partitions);
        List<InboundRecord> done = uncommitted.stream().filter(r -> partitions.contains(PartitionRef.of(r))).toList();
        MainConsumer subscribed = consumer;
        if (!done.isEmpty() && subscribed != null) {
            try {
                subscribed.commit(writtenOrRewound(subscribed, done), true);
            } catch (RuntimeException e) {
                LOG.warn("event=commit_on_revoke_failed worker={} error={}", id, e.toString());
            }
        }
        uncommitted.removeAll(done);
        pending.removeIf(r -> partitions.contains(PartitionRef.of(r)));
        LOG.info("event=partitions_revoked worker={} partitions={}", id, partitions);
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

    /** Asks the worker to stop after the record in hand. */
    void stop() {
        running = false;
        MainConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
