package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedules on the real Kafka and Redis: one message per tick across replicas and restarts. */
@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScheduleIT {
    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    private static void createTopic(String topic) {
        try (Admin admin = ItSupport.admin()) {
            ItSupport.get(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all());
        }
    }

    /** The ticks (epoch seconds) claimed in Redis for schedule {@code schedule} of {@code app}. */
    private static TreeSet<Long> claimedTicks(String app, String schedule) {
        String prefix = "streamback_schedule:" + app + ":" + schedule + ":";
        try (ItSupport.RawRedis redis = ItSupport.redis()) {
            TreeSet<Long> ticks = new TreeSet<>();
            for (String key : redis.sync().keys(prefix + "*")) {
                ticks.add(Long.parseLong(key.substring(prefix.length())));
                long ttl = redis.sync().pttl(key);
                assertThat(ttl).as("TTL of " + key).isGreaterThan(StreambackBuilder.DEFAULT_SCHEDULE_LOOK_BACK
                        .toMillis());
            }
            return ticks;
        }
    }

    @Test
    void threeReplicasSendExactlyOneMessagePerTick(@Streams String streams) {
        String app = unique("sched_replicas");
        String topic = unique("sched_every_second");
        createTopic(topic);
        List<Object> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("sched_counter"), streams)).listen(topic, message -> {
            received.add(message.value());
        }).startInBackground();

        List<Streamback> replicas = new ArrayList<>();
        for (int replica = 0; replica < 3; replica++) {
            replicas.add(closer.add(Streamback.create(app, streams))
                    .schedule("every_second", "* * * * * *", topic, Map.of("replica", replica), "once a second")
                    .startInBackground());
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).hasSizeGreaterThanOrEqualTo(12));
        replicas.forEach(Streamback::close);

        // every tick while the replicas ran was claimed, each by one replica: one key per tick
        TreeSet<Long> ticks = claimedTicks(app, "every_second");
        assertThat(ticks.size()).isGreaterThanOrEqualTo(12);
        assertThat(ticks.last() - ticks.first() + 1).as("no tick missed between the first and the last")
                .isEqualTo(ticks.size());
        // a message is sent only for a won claim: as many messages as ticks, no more (three per tick if
        // replicas sent without claiming), no fewer
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).hasSize(ticks.size()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> received.size() == ticks.size());
        assertThat(received).allSatisfy(value -> assertThat(value).isIn(
                Map.of("replica", 0), Map.of("replica", 1), Map.of("replica", 2)));
    }

    @Test
    void aTickMissedWhileDownIsSentOnceAtRestart(@Streams String streams) {
        String app = unique("sched_restart");
        String topic = unique("sched_missed");
        createTopic(topic);
        List<Object> received = new CopyOnWriteArrayList<>();
        closer.add(Streamback.create(unique("sched_receiver"), streams))
                .listen(topic, message -> {
                    received.add(message.value());
                })
                .startInBackground();
        // a tick a few seconds ahead that repeats only next year
        ZonedDateTime tick = ZonedDateTime.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String when = tick.getSecond() + " " + tick.getMinute() + " " + tick.getHour() + " " + tick.getDayOfMonth()
                + " " + tick.getMonthValue() + " *";

        Streamback first = closer.add(Streamback.create(app, streams))
                .schedule("yearly", when, topic, Map.of("run", "first"), "once a year")
                .startInBackground();
        first.close();
        assertThat(Instant.now()).as("the first instance stopped before the tick").isBefore(tick.toInstant());

        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(tick.toInstant().plusMillis(500)));
        Streamback second = closer.add(Streamback.create(app, streams))
                .schedule("yearly", when, topic, Map.of("run", "second"), "once a year")
                .startInBackground();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(received).containsExactly(Map.of("run", "second")));
        second.close();
        assertThat(claimedTicks(app, "yearly")).containsExactly(tick.toEpochSecond());

        closer.add(Streamback.create(app, streams))
                .schedule("yearly", when, topic, Map.of("run", "third"), "once a year")
                .startInBackground();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received).containsExactly(Map.of("run", "second"));
    }
}
