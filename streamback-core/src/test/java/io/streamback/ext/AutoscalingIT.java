package io.streamback.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.ext.ListenerStats.GroupStats;
import io.streamback.ext.ListenerStats.Stats;
import io.streamback.Concurrency;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.StreambackTestKit;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The autoscaling test: a burst of lag grows a {@code range(1, 4)} group, seen through {@link ListenerStats}. */
@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoscalingIT {
    private static final int PARTITIONS = 4;
    private static final int BURST = 4_000;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Streamback> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Streamback::close);
    }

    /** Keeps every report. */
    private static final class Reports extends ListenerStats {
        final List<Stats> all = new CopyOnWriteArrayList<>();

        Reports(Duration interval) {
            super(interval);
        }

        @Override
        public void onStats(Stats stats) {
            all.add(stats);
            super.onStats(stats);
        }

        /** The index of the first report after {@code from} whose group {@code name} matches. */
        Optional<Integer> first(int from, String name, int workers, boolean noLag) {
            for (int i = from; i < all.size(); i++) {
                for (GroupStats group : all.get(i).groups()) {
                    if (group.name().equals(name) && group.workers() == workers && (!noLag || group.lag() == 0)) {
                        return Optional.of(i);
                    }
                }
            }
            return Optional.empty();
        }
    }

    @Test
    void aBurstOfLagTakesARangeGroupFromOneToFourWorkersAndBack(@Streams String streams) throws Exception {
        String topic = "autoscale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                StreambackTestKit.shared().kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        AtomicInteger handled = new AtomicInteger();
        Reports reports = new Reports(Duration.ofMillis(500));
        Streamback consumer = Streamback.builder(topic + "_app").streams(streams)
                .rescaleInterval(Duration.ofMillis(500)).minWorkerLifetime(Duration.ofSeconds(2)).build();
        opened.add(consumer);
        consumer.listen(topic, Concurrency.range(1, 4), message -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3)); // the work each message takes
            handled.incrementAndGet();
        }).addCallback(reports).startInBackground();
        await().atMost(PATIENCE).until(() -> reports.first(0, topic, 1, false).isPresent());

        Streamback producer = Streamback.create(topic + "_producer", streams);
        opened.add(producer);
        for (int i = 0; i < BURST; i++) {
            producer.send(topic, Map.of("n", i), "key-" + i);
        }
        producer.flush();

        await().atMost(PATIENCE).until(() -> reports.first(0, topic, 4, false).isPresent());
        int atFour = reports.first(0, topic, 4, false).orElseThrow();
        assertThat(reports.all.subList(0, atFour + 1).stream().flatMap(stats -> stats.groups().stream())
                .mapToLong(GroupStats::lag).max().orElseThrow()).as("peak lag").isGreaterThanOrEqualTo(3_000);

        await().atMost(PATIENCE).until(() -> reports.first(atFour + 1, topic, 1, true).isPresent());
        assertThat(handled.get()).isGreaterThanOrEqualTo(BURST);
        GroupStats drained = reports.all.get(reports.first(atFour + 1, topic, 1, true).orElseThrow()).groups().get(0);
        assertThat(drained.topics()).containsExactly(topic);
    }
}
