package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.CapturedLog;
import io.streamback.Concurrency;
import io.streamback.WorkerSnapshot;
import io.streamback.internal.spi.MainConsumer;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.spi.RebalanceListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The autoscaler's side of stopping: a tick that stop() interrupts is not a failure. */
class WorkerRuntimeTest {

    @Test
    void stoppingWhileTheAutoscalerReadsTheLagLogsNoWarningAndStartsNoWorker() throws Exception {
        CountDownLatch readingLag = new CountDownLatch(1);
        AtomicInteger launched = new AtomicInteger();
        WorkerRuntime runtime = new WorkerRuntime("stop_test", "stop_test", new LagBlocksUntilInterrupted(readingLag),
                new Topics(null), List.of(new GroupSpec(GroupSpec.POOL, Set.of("orders"), List.of(),
                        Concurrency.range(1, 4))), (spec, id) -> {
                            launched.incrementAndGet();
                            return new IdleWorker(id);
                        }, null, Duration.ofMillis(10), Duration.ZERO, () -> { });
        assertThat(readingLag.await(10, TimeUnit.SECONDS)).as("the autoscaler reads the lag").isTrue();

        String log = CapturedLog.during(() -> runtime.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));

        assertThat(log).contains("event=workers_stopped").doesNotContain("lag_read_failed");
        assertThat(launched).as("workers started: the minimum, none after stop").hasValue(1);
    }

    /** A main stream whose lag read waits until it is interrupted, as a slow broker's would. */
    private static final class LagBlocksUntilInterrupted implements MainStream {
        private final CountDownLatch reading;

        LagBlocksUntilInterrupted(CountDownLatch reading) {
            this.reading = reading;
        }

        @Override
        public long lag(String group, Collection<String> topics) {
            reading.countDown();
            try {
                new CountDownLatch(1).await(); // until interrupted
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the lag of group " + group, e);
            }
        }

        @Override
        public CompletableFuture<Void> send(OutboundRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void flush() {
        }

        @Override
        public MainConsumer subscribe(String group, String clientId, Collection<String> topics,
                RebalanceListener onRevoke) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    /** A worker that does nothing until asked to stop. */
    private static final class IdleWorker implements WorkerHandle {
        private final String id;
        private final Instant startedAt = Instant.now();
        private final CountDownLatch stopped = new CountDownLatch(1);

        IdleWorker(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Instant startedAt() {
            return startedAt;
        }

        @Override
        public boolean isAlive() {
            return stopped.getCount() > 0;
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public WorkerSnapshot snapshot() {
            return new WorkerSnapshot(id, GroupSpec.POOL, startedAt, 0, 0, 0, 0, -1, -1);
        }

        @Override
        public long[] recentHandlingNanos() {
            return new long[0];
        }
    }
}
