package io.streamback.internal;

import io.streamback.internal.spi.FeedbackRejectedException;
import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.MainConsumer;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.PartitionRef;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread owning one consumer and its own listener instances: poll, handle each record, commit
 * what was handled once its feedback is in Redis (in the background every
 * {@link #COMMIT_INTERVAL}, synchronously when partitions are revoked and on stop). A record whose
 * listener must be retried waits as a {@link RecordTask} with only its partition paused; the loop
 * handles the other partitions meanwhile and polls no longer than until the next retry is due. On
 * stop it finishes the call in hand, flushes its listeners, commits and leaves the group; records
 * polled but not started, and retries still waiting, are left to the partitions' next owners.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
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
    private final FacadeHooks hooks;
    private final PoisonRecords poison;
    private final @Nullable Duration defaultTimeout;
    private final ListenerCalls calls;
    final WorkerStats stats = new WorkerStats();

    /** Polled, not started yet, in poll order. */
    private final Deque<InboundRecord> pending = new ArrayDeque<>();
    /** Polled records of partitions whose earlier record waits for a retry, in poll order. */
    private final List<InboundRecord> held = new ArrayList<>();
    /** Per partition, the record that waits for a retry; its partition is paused meanwhile. */
    private final Map<PartitionRef, RecordTask> waiting = new LinkedHashMap<>();
    private final List<InboundRecord> uncommitted = new ArrayList<>();
    /** Per partition, the last record whose commit was sent in the background: sent again on revoke and stop. */
    private final Map<PartitionRef, InboundRecord> committedInBackground = new HashMap<>();
    private final Map<InboundRecord, RecordWrites> feedbackWrites = new IdentityHashMap<>();
    private final EndMarkers endMarkers;
    private volatile @Nullable InboundRecord inHand;
    private volatile boolean running = true;
    private volatile @Nullable MainConsumer consumer;

    Worker(String id, String group, MainStream main, GroupSpec spec, Topics topics, RecordProcessor processor,
            FacadeHooks hooks, PoisonRecords poison, @Nullable Duration defaultTimeout) {
        this.id = id;
        this.group = group;
        this.main = main;
        this.spec = spec;
        this.topics = topics;
        this.processor = processor;
        this.endMarkers = processor.endMarkers();
        this.hooks = hooks;
        this.poison = poison;
        this.defaultTimeout = defaultTimeout;
        this.calls = new ListenerCalls(id);
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        try {
            hooks.workerStart();
            Map<String, List<BoundListener>> byTopic = instantiateListeners();
            MainConsumer subscribed = main.subscribe(group, id, byTopic.keySet(), this::revoked);
            consumer = subscribed;
            LOG.info("event=worker_started worker={} group={} topics={}", id, group, byTopic.keySet());
            try {
                loop(subscribed, byTopic);
                waiting.values().forEach(task -> LOG.info("event=record_abandoned worker={} {} reason=\"stopped"
                        + " while its retry waited: its partition's next owner handles it\"", id,
                        task.record.position()));
            } catch (RuntimeException | Error e) {
                InboundRecord killer = inHand;
                if (killer != null) {
                    poison.workerDied(killer, e); // before the consumer leaves: the record's next owner counts it
                }
                throw e;
            } finally {
                calls.close();
                flushListeners(byTopic);
                try {
                    List<InboundRecord> last = new ArrayList<>(committedInBackground.values());
                    last.addAll(writtenOrRewound(subscribed, uncommitted));
                    subscribed.commit(last, true);
                } finally {
                    subscribed.close();
                }
            }
        } catch (RuntimeException | Error e) {
            InboundRecord killer = inHand;
            LOG.error("event=worker_failed worker={} {} error={}", id,
                    killer == null ? "record=none" : killer.position(), LogText.of(e), e);
        } finally {
            LOG.info("event=worker_stopped worker={} processed={}", id, stats.processed.get());
        }
    }

    private Map<String, List<BoundListener>> instantiateListeners() {
        Map<String, List<BoundListener>> byTopic = new HashMap<>();
        for (Subscription subscription : spec.subscriptions()) {
            byTopic.computeIfAbsent(topics.full(subscription.info().topic()), t -> new ArrayList<>())
                    .add(new BoundListener(subscription, defaultTimeout));
        }
        return byTopic;
    }

    private void loop(MainConsumer subscribed, Map<String, List<BoundListener>> byTopic) {
        while (running) {
            pending.addAll(subscribed.poll(pollTimeout()));
            retryDue(subscribed);
            while (running && !pending.isEmpty()) {
                InboundRecord record = pending.poll();
                if (waiting.containsKey(PartitionRef.of(record))) {
                    held.add(record);
                } else {
                    start(subscribed, record, byTopic.getOrDefault(record.topic(), List.of()));
                }
            }
            if (running && !uncommitted.isEmpty() && commitDue()) {
                List<InboundRecord> ready = writtenSoFar(subscribed);
                if (!ready.isEmpty()) {
                    // a background commit that fails (coordinator moving) is covered by the next one, or by
                    // the synchronous commit on revoke and stop, which sends these positions again
                    ready.forEach(record -> committedInBackground.put(PartitionRef.of(record), record));
                    subscribed.commit(ready, false);
                    lastCommit = System.nanoTime();
                }
            }
        }
    }

    /** How long the next poll may wait: until the first waiting retry is due, at most {@link #POLL_TIMEOUT}. */
    private Duration pollTimeout() {
        long now = System.nanoTime();
        long wait = POLL_TIMEOUT.toNanos();
        for (RecordTask task : waiting.values()) {
            wait = Math.min(wait, Math.max(0, task.dueNanos() - now));
        }
        return Duration.ofNanos(wait);
    }

    private void start(MainConsumer subscribed, InboundRecord record, List<BoundListener> listeners) {
        RecordTask task = processor.begin(record, listeners, spec.name(), stats);
        String killerError = poison.killerError(record);
        if (killerError != null) {
            settle(subscribed, task, processor.giveUp(task, killerError));
        } else {
            settle(subscribed, task, advance(task));
        }
    }

    /** Runs the retries that are due, in the order they were due. */
    private void retryDue(MainConsumer subscribed) {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<RecordTask> due = waiting.values().stream().filter(task -> task.dueNanos() - now <= 0)
                .sorted(Comparator.comparingLong(RecordTask::dueNanos)).toList();
        for (RecordTask task : due) {
            if (running && waiting.get(task.partition) == task) {
                settle(subscribed, task, advance(task));
            }
        }
    }

    private RecordProcessor.Step advance(RecordTask task) {
        inHand = task.record;
        poison.holding(task.record);
        RecordProcessor.Step step = processor.advance(task, calls);
        poison.notHolding();
        inHand = null;
        return step;
    }

    /** Acts on where {@code task} stands: keeps it waiting, or lets its partition go on. */
    private void settle(MainConsumer subscribed, RecordTask task, RecordProcessor.Step step) {
        if (step != RecordProcessor.Step.DONE) {
            task.writes.flushHeld();
        }
        if (step == RecordProcessor.Step.WAIT) {
            if (waiting.put(task.partition, task) == null) {
                subscribed.pause(List.of(task.partition));
            }
            return;
        }
        poison.done(task.record);
        if (waiting.remove(task.partition) != null) {
            subscribed.resume(List.of(task.partition));
            releaseHeld(task.partition);
        }
        if (step == RecordProcessor.Step.DONE) {
            done(task.record, task.writes, task.startedNanos);
        } else {
            LOG.warn("event=record_redelivered worker={} {} reason=\"its dead letter could not be written\"", id,
                    task.record.position());
            rewind(subscribed, Map.of(task.partition, task.record.offset()));
        }
    }

    /** Puts the held records of {@code partition} back in front of what is pending, in their order. */
    private void releaseHeld(PartitionRef partition) {
        List<InboundRecord> released = held.stream().filter(r -> PartitionRef.of(r).equals(partition)).toList();
        held.removeAll(released);
        for (int i = released.size() - 1; i >= 0; i--) {
            pending.addFirst(released.get(i));
        }
    }

    /** Fetches {@code offsets}' partitions again from there, forgetting what was polled of them after. */
    private void rewind(MainConsumer subscribed, Map<PartitionRef, Long> offsets) {
        subscribed.rewind(offsets);
        pending.removeIf(r -> offsets.containsKey(PartitionRef.of(r)));
        held.removeIf(r -> offsets.containsKey(PartitionRef.of(r)));
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
                        record.position(), LogText.of(failure));
            }
        }
        if (!rewind.isEmpty()) {
            rewind(subscribed, rewind);
            rewind.keySet().forEach(waiting::remove);
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
                LOG.warn("event=feedback_dropped reason=\"{}\"", LogText.of(rejected.getMessage()));
                return null;
            }
            return e.getCause() == null ? e.toString() : e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "not written after " + FEEDBACK_WAIT_LIMIT.toSeconds() + " s";
        }
    }

    /** Partitions taken away: commit what was done of them, forget what was not started. */
    private void revoked(Collection<PartitionRef> partitions) {
        stats.revocations.incrementAndGet();
        for (PartitionRef partition : partitions) {
            RecordTask dropped = waiting.remove(partition);
            if (dropped != null) {
                LOG.info("event=retry_dropped worker={} {} reason=\"partition revoked: its next owner handles the"
                        + " record\"", id, dropped.record.position());
            }
        }
        List<InboundRecord> done = uncommitted.stream().filter(r -> partitions.contains(PartitionRef.of(r))).toList();
        List<InboundRecord> sentBefore = partitions.stream().map(committedInBackground::remove)
                .filter(Objects::nonNull).toList();
        MainConsumer subscribed = consumer;
        if ((!done.isEmpty() || !sentBefore.isEmpty()) && subscribed != null) {
            try {
                List<InboundRecord> last = new ArrayList<>(sentBefore);
                last.addAll(writtenOrRewound(subscribed, done));
                subscribed.commit(last, true);
            } catch (RuntimeException e) {
                LOG.warn("event=commit_on_revoke_failed worker={} error={}", id, LogText.of(e));
            }
        }
        uncommitted.removeAll(done);
        pending.removeIf(r -> partitions.contains(PartitionRef.of(r)));
        held.removeIf(r -> partitions.contains(PartitionRef.of(r)));
        LOG.info("event=partitions_revoked worker={} partitions={}", id, partitions);
    }

    private void flushListeners(Map<String, List<BoundListener>> byTopic) {
        byTopic.values().stream().flatMap(List::stream).map(BoundListener::listener).distinct()
                .forEach(listener -> {
                    try {
                        listener.flush();
                    } catch (Exception e) {
                        LOG.warn("event=listener_flush_failed worker={} listener={} error={}", id,
                                listener.getClass().getName(), LogText.of(e), e);
                    }
                });
    }

    /**
     * After a stop that did not end in time: closes the consumer from the calling thread, so the
     * group gives the partitions to others now instead of after the session timeout; what was not
     * committed is delivered again. The worker's own thread is left behind.
     */
    void abandon() {
        MainConsumer current = consumer;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.warn("event=abandoned_consumer_not_closed worker={} error={}", id, LogText.of(e));
            }
        }
    }

    /** Asks the worker to stop after the listener call in hand. */
    void stop() {
        running = false;
        MainConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
