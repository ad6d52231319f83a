package io.streamback.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feedback stream's own thread: tasks given while it sleeps, and its close. */
class CommandLoopTest {

    @Test
    void aTaskGivenWhileTheLoopSleepsWakesIt() throws Exception {
        try (CommandLoop loop = new CommandLoop("test-loop")) {
            await().atMost(Duration.ofSeconds(5)).until(loop::sleeps);

            CompletableFuture<String> ran = new CompletableFuture<>();
            loop.execute(() -> ran.complete(Thread.currentThread().getName()));

            assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("test-loop");
        }
    }

    @Test
    void closingASleepingLoopRunsWhatIsQueuedFirst() {
        CommandLoop loop = new CommandLoop("test-loop");
        List<String> batches = new CopyOnWriteArrayList<>();
        loop.beforeFlush(() -> batches.add("flushed"));
        await().atMost(Duration.ofSeconds(5)).until(loop::sleeps);

        loop.close(); // queues its own last task: a loop it did not wake would stop without running it

        assertThat(batches).containsExactly("flushed");
    }
}
