package io.streamback.it;

import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Concurrency;
import io.streamback.Streamback;
import io.streamback.it.FaultSupport.BackgroundProducer;
import io.streamback.it.FaultSupport.Tally;
import io.streamback.testkit.EmbeddedKafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker of a 3-broker cluster (replication factor 3, {@code min.insync.replicas} 2) is killed
 * with {@code SIGKILL} while a Streamback app consumes 50,000 one-way messages that are still
 * being produced: first one that leads partitions of the topic, then the coordinator of the
 * app's consumer group. Every message the brokers acknowledged is handled, none lost.
 */
@Tag("fault")
@Tag("long")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BrokerFaultIT {
    private static final int MESSAGES = 50_000;
    private static final int PARTITIONS = 6;
    private static final int WORKERS = 2;
    /** The broker dies once the app has handled this many messages. */
    private static final int RECEIVED_BEFORE_KILL = 10_000;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedKafkaCluster cluster;
    private static Admin admin;

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @BeforeAll
    static void startCluster() {
        cluster = EmbeddedKafkaCluster.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void partitionLeaderKilledMidLoadLosesNothing() throws Exception {
        String app = unique("broker_fault_leader");
        String topic = createTopic("broker_fault_leader");
        runKillingMidLoad("BrokerFaultIT partition leader killed", app, topic, () -> {
            int coordinator = cluster.coordinatorOf(app);
            for (int partition = 0; partition < PARTITIONS; partition++) {
                int leader = cluster.leaderOf(topic, partition);
                if (leader != coordinator) {
                    return leader; // a leader only, so this case is not the coordinator case again
                }
            }
            return cluster.leaderOf(topic, 0);
        });
    }

    @Test
    void groupCoordinatorKilledMidLoadLosesNothing() throws Exception {
        String app = unique("broker_fault_coordinator");
        String topic = createTopic("broker_fault_coordinator");
        runKillingMidLoad("BrokerFaultIT group coordinator killed", app, topic, () -> cluster.coordinatorOf(app));
    }

    private void runKillingMidLoad(String testCase, String app, String topic, IntSupplier victimOf) throws Exception {
        restartKilledBrokers();
        Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
        long startedAt = System.nanoTime();
        Streamback consumer = closer.add(Streamback.builder(app)
                .streams("main=kafka://" + cluster.bootstrapServers())
                .build());
        AtomicLong lastDelivery = new AtomicLong();
        AtomicLong longestPause = new AtomicLong();
        consumer.listen(topic, Concurrency.of(WORKERS), message -> {
            deliveries.merge(LoadSupport.idOf(message.value()), 1, Integer::sum);
            long now = System.nanoTime();
            long previous = lastDelivery.getAndSet(now);
            if (previous != 0) {
                longestPause.accumulateAndGet(now - previous, Math::max);
            }
        }).startInBackground();
        BackgroundProducer producer = closer.add(new BackgroundProducer(cluster.bootstrapServers(), topic, MESSAGES))
                .start();

        await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> deliveries.size() >= RECEIVED_BEFORE_KILL);
        int victim = victimOf.getAsInt();
        int receivedAtKill = deliveries.size();
        int ackedAtKill = producer.acked().size();
        cluster.killBroker(victim);

        assertThat(producer.awaitDone(LOAD_TIMEOUT)).as("producer failure").isNull();
        Tally tally = new Tally(producer.acked(), deliveries);
        tally.awaitNothingLost(LOAD_TIMEOUT);
        tally.print(testCase, startedAt, "broker " + victim + " killed at " + ackedAtKill + " acknowledged, "
                + receivedAtKill + " received; longest pause between deliveries "
                + TimeUnit.NANOSECONDS.toMillis(longestPause.get()) + " ms");

        assertThat(receivedAtKill).as("the broker died mid-load").isLessThan(MESSAGES);
        assertThat(producer.acked()).as("acknowledged sends").hasSize(MESSAGES);
        assertThat(tally.lostIds()).as("lost ids (first 20)").isEmpty();
        assertThat(tally.lost()).as("lost").isZero();
    }

    /**
     * Brings back a broker an earlier case killed and waits until the offsets topic is fully in sync
     * again, so every case starts on 3 healthy brokers (the last case's broker stays dead: the cluster
     * is closed anyway).
     */
    private static void restartKilledBrokers() {
        List<Integer> killed = cluster.brokerIds().stream().filter(broker -> !cluster.isRunning(broker)).toList();
        if (killed.isEmpty()) {
            return;
        }
        killed.forEach(cluster::restartBroker);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(get(admin.describeTopics(List.of("__consumer_offsets")).allTopicNames()).values())
                        .flatMap(description -> description.partitions())
                        .allSatisfy(info -> assertThat(info.isr()).hasSize(3)));
    }

    private static String createTopic(String base) {
        String topic = unique(base);
        get(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3))).all());
        return topic;
    }
}
