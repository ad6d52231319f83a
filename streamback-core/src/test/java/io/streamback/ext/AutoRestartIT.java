package io.streamback.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.Context;
import io.streamback.FeedbackLane;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.Streamback;
import io.streamback.WorkerSnapshot;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AutoRestart} by age in thread mode, on the real Kafka and Redis. */
@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutoRestartIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Streamback> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Streamback::close);
    }

    /** Answers {@code ok:<value>}; counts instances and flushes. */
    private static final class Counting extends Listener {
        private final AtomicInteger flushed;

        Counting(AtomicInteger created, AtomicInteger flushed) {
            this.flushed = flushed;
            created.incrementAndGet();
        }

        @Override
        public void consume(Context context, Message message) {
            message.respond("ok:" + message.value());
        }

        @Override
        public void flush() {
            flushed.incrementAndGet();
        }
    }

    @Test
    void workersOlderThanMaxAgeAreReplacedWithNewListenersAndNoMessageIsLost(@Streams String streams) {
        String topic = "auto_restart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger flushed = new AtomicInteger();
        Streamback consumer = Streamback.builder(topic + "_app").streams(streams)
                .rescaleInterval(Duration.ofMillis(250)).build();
        opened.add(consumer);
        consumer.listen(topic, () -> new Counting(created, flushed))
                .addCallback(new AutoRestart(Duration.ofSeconds(2), 0, Duration.ofMillis(500)))
                .startInBackground();
        Streamback producer = Streamback.create(topic + "_producer", streams);
        opened.add(producer);

        Set<String> workerIds = ConcurrentHashMap.newKeySet();
        List<FeedbackLane> lanes = new CopyOnWriteArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            lanes.add(producer.send(topic, sent.getAndIncrement()));
            consumer.snapshot().groups().forEach(group -> group.members().stream().map(WorkerSnapshot::id)
                    .forEach(workerIds::add));
            return workerIds.size() >= 3 && flushed.get() >= 2;
        });

        assertThat(workerIds).as("a new worker id per recycle").hasSizeGreaterThanOrEqualTo(3);
        assertThat(created.get()).as("listener instances, one per worker").isGreaterThanOrEqualTo(3);
        assertThat(flushed.get()).as("recycled workers flushed their listeners").isGreaterThanOrEqualTo(2);
        assertThat(consumer.snapshot().groups().get(0).workers()).isEqualTo(1);
        for (int i = 0; i < lanes.size(); i++) {
            assertThat(lanes.get(i).from(topic + "_app").read(String.class, PATIENCE)).isEqualTo("ok:" + i);
        }
        assertThat(lanes).hasSizeGreaterThan(10);
    }
}
