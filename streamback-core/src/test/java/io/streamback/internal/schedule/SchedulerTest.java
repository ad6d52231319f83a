package io.streamback.internal.schedule;

import io.streamback.FeedbackUnavailableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.streamback.MutableClock;
import io.streamback.internal.memory.MemoryFeedbackStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The look-back and claim rules of {@link Scheduler}, on a clock the test moves: no waiting. */
class SchedulerTest {
    private static final Duration LOOK_BACK = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.at("2024-05-01T12:00:30.250Z");
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Schedules.Sender sender = (topic, value) -> {
        sent.add(topic + "=" + value);
        return CompletableFuture.completedFuture(null);
    };

    private static ScheduleSpec spec(String name, String when) {
        return new ScheduleSpec(name, CronSchedule.parse(when), name + "_topic", Map.of("tick", name), "");
    }

    private static TickClaims memoryClaims(String streamName) {
        return new FeedbackTickClaims(MemoryFeedbackStream.named(streamName), "app", Scheduler.claimTtl(LOOK_BACK));
    }

    private static TickClaims freshClaims() {
        return memoryClaims(UUID.randomUUID().toString());
    }

    private Scheduler scheduler(TickClaims claims, Duration lookBack, ScheduleSpec... specs) {
        return new Scheduler("app", List.of(specs), claims, sender, lookBack, clock);
    }

    @Test
    void aTickMissedWithinTheLookBackIsSentAtStart() {
        // every minute at :00; now is 12:00:30, so 12:00:00 was missed 30 s ago
        Scheduler scheduler = scheduler(freshClaims(), LOOK_BACK, spec("minutely", "* * * * *"));

        Instant wake = scheduler.runDue();

        assertThat(sent).containsExactly("minutely_topic={tick=minutely}");
        assertThat(wake).isEqualTo(Instant.parse("2024-05-01T12:01:00Z"));
    }

    @Test
    void aTickOlderThanTheLookBackIsNotSent() {
        Scheduler scheduler = scheduler(freshClaims(), Duration.ofSeconds(20), spec("minutely", "* * * * *"));

        scheduler.runDue();
        assertThat(sent).isEmpty();

        clock.set("2024-05-01T12:01:00.002Z");
        scheduler.runDue();
        assertThat(sent).hasSize(1);
    }

    @Test
    void aZeroLookBackSendsNothingMissed() {
        Scheduler scheduler = scheduler(freshClaims(), Duration.ZERO, spec("every_second", "* * * * * *"));

        scheduler.runDue();

        assertThat(sent).isEmpty();
    }

    @Test
    void ofSeveralMissedTicksOnlyTheLatestIsSent() {
        Scheduler scheduler = scheduler(freshClaims(), LOOK_BACK, spec("every_second", "* * * * * *"));

        Instant wake = scheduler.runDue();

        assertThat(sent).hasSize(1);
        assertThat(wake).isEqualTo(Instant.parse("2024-05-01T12:00:31Z"));
    }

    @Test
    void eachTickIsSentOnceWhileRunning() {
        Scheduler scheduler = scheduler(freshClaims(), LOOK_BACK, spec("every_second", "* * * * * *"));
        scheduler.runDue();
        for (int i = 0; i < 5; i++) {
            Instant wake = scheduler.runDue();
            assertThat(wake).isEqualTo(Instant.parse("2024-05-01T12:00:31Z").plusSeconds(i));
            clock.set(wake.plusMillis(3));
            scheduler.runDue();
            scheduler.runDue();
        }
        assertThat(sent).hasSize(6);
    }

    @Test
    void aStalledThreadSendsEveryTickItMissed() {
        Scheduler scheduler = scheduler(freshClaims(), Duration.ZERO, spec("every_second", "* * * * * *"));
        scheduler.runDue();
        clock.advance(Duration.ofMillis(5200));

        scheduler.runDue();

        assertThat(sent).hasSize(5);
    }

    @Test
    void theSchedulerWakesForTheEarliestSchedule() {
        Scheduler scheduler = scheduler(freshClaims(), Duration.ZERO, spec("hourly", "0 * * * *"),
                spec("every_ten", "*/10 * * * * *"));

        assertThat(scheduler.runDue()).isEqualTo(Instant.parse("2024-05-01T12:00:40Z"));
        clock.set("2024-05-01T12:00:40Z");
        scheduler.runDue();
        assertThat(sent).containsExactly("every_ten_topic={tick=every_ten}");
    }

    @Test
    void replicasSharingClaimsSendEachTickOnce() {
        String stream = UUID.randomUUID().toString();
        List<Scheduler> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replicas.add(scheduler(memoryClaims(stream), LOOK_BACK, spec("every_second", "* * * * * *")));
        }
        for (int second = 0; second < 10; second++) {
            replicas.forEach(Scheduler::runDue);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sent).hasSize(10);
    }

    @Test
    void aRestartSendsTheMissedTickOnlyOnce() {
        String stream = UUID.randomUUID().toString();
        scheduler(memoryClaims(stream), LOOK_BACK, spec("minutely", "* * * * *")).runDue();
        clock.advance(Duration.ofSeconds(5));
        scheduler(memoryClaims(stream), LOOK_BACK, spec("minutely", "* * * * *")).runDue();

        assertThat(sent).hasSize(1);
    }

    @Test
    void aTickFarTooLateIsDropped() {
        Scheduler scheduler = scheduler(freshClaims(), LOOK_BACK, spec("hourly", "0 * * * *"));
        scheduler.runDue();
        assertThat(sent).hasSize(1);
        sent.clear();
        // the thread stalled (a suspended machine) past look-back + tolerance after 13:00
        clock.set(Instant.parse("2024-05-01T13:00:00Z").plus(LOOK_BACK).plus(Scheduler.LATE_TOLERANCE).plusSeconds(1));
        scheduler.runDue();
        assertThat(sent).isEmpty();

        clock.set("2024-05-01T14:00:00.5Z");
        scheduler.runDue();
        assertThat(sent).hasSize(1);
    }

    @Test
    void aFailedClaimSendsNothingAndKeepsGoing() {
        TickClaims failing = new TickClaims() {
            @Override
            public boolean claim(String schedule, Instant tick) {
                throw new FeedbackUnavailableException("redis down");
            }

            @Override
            public String describe() {
                return "failing";
            }
        };
        Scheduler scheduler = scheduler(failing, LOOK_BACK, spec("every_second", "* * * * * *"));

        assertThatCode(scheduler::runDue).doesNotThrowAnyException();
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedSendDoesNotStopTheScheduler() {
        Schedules.Sender failing = (topic, value) -> {
            throw new FeedbackUnavailableException("closed");
        };
        Scheduler scheduler = new Scheduler("app", List.of(spec("every_second", "* * * * * *")), freshClaims(),
                failing, LOOK_BACK, clock);

        assertThatCode(scheduler::runDue).doesNotThrowAnyException();
    }

    @Test
    void claimsOutliveTheLatestATickIsSent() {
        assertThat(Scheduler.claimTtl(LOOK_BACK)).isGreaterThan(LOOK_BACK.plus(Scheduler.LATE_TOLERANCE));
        CronSchedule minutely = CronSchedule.parse("* * * * *");
        Instant now = clock.instant();
        assertThat(Scheduler.startCursor(minutely, now, LOOK_BACK, clock.getZone()))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z").minusNanos(1));
        // now is 12:00:30.250: the 12:00:00 tick is 30.25 s old
        assertThat(Scheduler.startCursor(minutely, now, Duration.ofMillis(30_250), clock.getZone()))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z").minusNanos(1));
        assertThat(Scheduler.startCursor(minutely, now, Duration.ofSeconds(30), clock.getZone())).isEqualTo(now);
    }

    @Test
    void theThreadSendsOnTheRealClockAndCloseWakesIt() {
        List<@Nullable Object> values = new CopyOnWriteArrayList<>();
        Scheduler scheduler = new Scheduler("app", List.of(spec("every_second", "* * * * * *"), spec("yearly",
                "0 0 1 1 *")), freshClaims(), (topic, value) -> {
                    values.add(value);
                    return CompletableFuture.completedFuture(null);
                }, Duration.ZERO, Clock.systemUTC());
        scheduler.start();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(values).hasSizeGreaterThanOrEqualTo(2));

        long started = System.nanoTime();
        scheduler.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        int count = values.size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> values.size() == count);
    }
}
