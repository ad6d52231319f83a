package io.streamback.it;

import static org.awaitility.Awaitility.await;

import io.streamback.StreambackBuilder;
import io.streamback.internal.wire.Events;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Helpers of the fault suite ({@code *FaultIT}): a producer that writes message ids while a
 * fault happens and remembers which ones the brokers acknowledged, and the one line of figures
 * each case prints.
 */
final class FaultSupport {
    /**
     * A killed consumer JVM's partitions pass on after the group's session timeout: Kafka's 45 s
     * by default, 6 s (the brokers' least) for the tests that kill one.
     */
    static StreambackBuilder quickSessionTimeout(StreambackBuilder builder) {
        return builder.kafkaProperty("session.timeout.ms", "6000").kafkaProperty("heartbeat.interval.ms", "1000");
    }
    private FaultSupport() {
    }

    /**
     * Writes the one-way messages of {@link LoadSupport#produceIds} for ids {@code [0, count)} on
     * its own thread with {@code acks=all}, so an id it acknowledges was written to at least
     * {@code min.insync.replicas} brokers and must not be lost by a broker fault.
     */
    static final class BackgroundProducer implements AutoCloseable {
        private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final KafkaProducer<byte[], byte[]> producer;
        private final Thread thread;

        BackgroundProducer(String bootstrapServers, String topic, int count) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, ItSupport.unique("it-fault-producer"),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, "5",
                    ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024),
                    // see LoadSupport.produceIds: one request in flight and long timeouts on a loaded machine
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "240000"),
                    new ByteArraySerializer(), new ByteArraySerializer());
            thread = new Thread(() -> produce(topic, count), "it-fault-producer");
            thread.setDaemon(true);
        }

        BackgroundProducer start() {
            thread.start();
            return this;
        }

        private void produce(String topic, int count) {
            try {
                for (int i = 0; i < count; i++) {
                    int id = i;
                    byte[] value = WireCodec.encode(new MainEnvelope(Map.of("id", id), Events.MESSAGE, null,
                            "fault_it", Map.of()));
                    producer.send(new ProducerRecord<>(topic, ("k" + id).getBytes(StandardCharsets.UTF_8), value),
                            (metadata, error) -> {
                                if (error == null) {
                                    acked.add(id);
                                } else {
                                    failure.compareAndSet(null, error);
                                }
                            });
                }
                producer.flush();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        /** The ids the brokers acknowledged so far. */
        Set<Integer> acked() {
            return acked;
        }

        /** Waits until every send has been answered; returns the first failure, or null. */
        Exception awaitDone(Duration timeout) throws InterruptedException {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException("the producer did not finish within " + timeout);
            }
            return failure.get();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** What a consumer received, by message id, against what was sent. */
    static final class Tally {
        private final Set<Integer> sent;
        private final Map<Integer, Integer> deliveries;

        /**
         * @param sent the ids that were sent, e.g. those the brokers acknowledged
         * @param deliveries how often each id was handled, updated while the test runs
         */
        Tally(Set<Integer> sent, Map<Integer, Integer> deliveries) {
            this.sent = sent;
            this.deliveries = deliveries;
        }

        /** Ids sent and never handled. */
        List<Integer> lostIds() {
            return sent.stream().filter(id -> !deliveries.containsKey(id)).sorted().limit(20).toList();
        }

        long lost() {
            return sent.stream().filter(id -> !deliveries.containsKey(id)).count();
        }

        long duplicates() {
            return deliveries.values().stream().mapToLong(count -> count - 1L).sum();
        }

        /**
         * Waits until nothing is lost, at most {@code timeout}; returns either way, so the figures
         * are printed before the assertions say what is missing.
         */
        void awaitNothingLost(Duration timeout) {
            awaitNothingLost(timeout, () -> { });
        }

        /** Like {@link #awaitNothingLost(Duration)}, calling {@code refresh} before each look, e.g. to read counts. */
        void awaitNothingLost(Duration timeout, Runnable refresh) {
            try {
                await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                    refresh.run();
                    return lost() == 0;
                });
            } catch (ConditionTimeoutException e) {
                // the caller prints the figures and asserts on them
            }
        }

        /**
         * Prints the case's one line of figures, e.g. {@code BrokerFaultIT leader killed: sent=50000
         * received=50000 duplicates=112 lost=0 seconds=14.2 (broker 2 killed at 12500 received)}.
         */
        void print(String testCase, long startedAtNanos, String note) {
            double seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos) / 1000.0;
            System.out.printf("%s: sent=%d received=%d duplicates=%d lost=%d seconds=%.1f (%s)%n", testCase,
                    sent.size(), deliveries.size(), duplicates(), lost(), seconds, note);
        }
    }
}
