package io.streamback.internal.memory;

import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.MainConsumer;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.spi.PartitionRef;
import io.streamback.internal.spi.RebalanceListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A main stream held in memory: one partition per topic, records kept for the life of the JVM.
 * Members of one consumer group share its position, so each record goes to one member per group.
 * Nothing is ever rebalanced; records taken by a member count as consumed.
 */
public final class MemoryMainStream implements MainStream {
    private static final Map<String, MemoryMainStream> NAMED = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Map<String, List<InboundRecord>> topics = new HashMap<>();
    private final Map<String, Map<String, Integer>> groupPositions = new HashMap<>();

    /** The stream shared by every {@code memory://name} in this JVM. */
    public static MemoryMainStream named(String name) {
        return NAMED.computeIfAbsent(name, n -> new MemoryMainStream());
    }

    @Override
    public CompletableFuture<Void> send(OutboundRecord record) {
        lock.lock();
        try {
            List<InboundRecord> log = topics.computeIfAbsent(record.topic(), t -> new ArrayList<>());
            log.add(new InboundRecord(record.topic(), 0, log.size(), record.key(), record.value(), record.headers()));
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {
        // sends complete at once
    }

    @Override
    public MainConsumer subscribe(String group, String clientId, Collection<String> topicNames,
            RebalanceListener onRevoke) {
        return new Member(group, List.copyOf(topicNames));
    }

    @Override
    public long lag(String group, Collection<String> topicNames) {
        lock.lock();
        try {
            Map<String, Integer> positions = groupPositions.getOrDefault(group, Map.of());
            long lag = 0;
            for (String topic : topicNames) {
                lag += topics.getOrDefault(topic, List.of()).size() - positions.getOrDefault(topic, 0);
            }
            return lag;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // shared by name for the life of the JVM
    }

    private final class Member implements MainConsumer {
        private final String group;
        private final List<String> subscribed;
        private volatile boolean woken;
        private final Set<String> pausedTopics = ConcurrentHashMap.newKeySet();

        Member(String group, List<String> subscribed) {
            this.group = group;
            this.subscribed = subscribed;
        }

        @Override
        public List<InboundRecord> poll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (true) {
                    List<InboundRecord> taken = takeAvailable();
                    long left = deadline - System.nanoTime();
                    if (!taken.isEmpty() || woken || left <= 0) {
                        woken = false;
                        return taken;
                    }
                    appended.await(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } finally {
                lock.unlock();
            }
        }

        private List<InboundRecord> takeAvailable() {
            Map<String, Integer> positions = groupPositions.computeIfAbsent(group, g -> new HashMap<>());
            List<InboundRecord> taken = new ArrayList<>();
            for (String topic : subscribed) {
                if (pausedTopics.contains(topic)) {
                    continue;
                }
                List<InboundRecord> log = topics.getOrDefault(topic, List.of());
                int position = positions.getOrDefault(topic, 0);
                taken.addAll(log.subList(position, log.size()));
                positions.put(topic, log.size());
            }
            return taken;
        }

        @Override
        public void rewind(Map<PartitionRef, Long> offsets) {
            lock.lock();
            try {
                Map<String, Integer> positions = groupPositions.computeIfAbsent(group, g -> new HashMap<>());
                offsets.forEach((partition, offset) -> positions.merge(partition.topic(), offset.intValue(), Math::min));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void commit(Collection<InboundRecord> processed, boolean sync) {
            // positions advance when records are taken
        }

        @Override
        public void pause(Collection<PartitionRef> partitions) {
            partitions.forEach(partition -> pausedTopics.add(partition.topic())); // one partition per topic
        }

        @Override
        public void resume(Collection<PartitionRef> partitions) {
            partitions.forEach(partition -> pausedTopics.remove(partition.topic()));
        }

        @Override
        public void wakeup() {
            lock.lock();
            try {
                woken = true;
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
