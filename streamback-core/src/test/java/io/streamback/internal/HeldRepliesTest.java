package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamback.internal.memory.MemoryFeedbackStream;
import io.streamback.internal.spi.FeedbackStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Replies held while their listener runs: what reaches the feedback stream, and in which writes. */
class HeldRepliesTest {
    private static final String KEY = "streamback_feedback_held";

    private final RecordingStream stream = new RecordingStream();
    private final FeedbackWriter writer = new FeedbackWriter(stream, "billing", Duration.ofMinutes(1), 1_024,
            JsonValues.withDefaultMapper());
    private final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
    /** Holds for the library's default time, which a test cannot count on staying within. */
    private final HeldReplies held = new HeldReplies(writer, writes::add);
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void aQuickListenersReplyTravelsWithItsEndMarkerInOneWrite() {
        HeldReplies held = new HeldReplies(writer, writes::add, MINUTE);
        writer.reserve();
        held.add(KEY, "reply 1");
        writer.reserve();
        held.add(KEY, "reply 2");

        assertThat(held.stopWith(KEY, "end")).isTrue();
        assertThat(stream.batches).containsExactly(List.of("reply 1", "reply 2", "end"));
        assertThat(writes).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aReplyForAnotherKeySendsWhatIsHeldFirst() {
        HeldReplies held = new HeldReplies(writer, writes::add, MINUTE);
        writer.reserve();
        held.add(KEY, "reply 1");
        writer.reserve();
        held.add(KEY + "_other", "reply 2");

        assertThat(stream.batches).containsExactly(List.of("reply 1"), List.of("reply 2"));
        assertThat(held.stopWith(KEY, "end")).isFalse(); // nothing held: the end marker goes on its own
    }

    @Test
    void aReplyOfAListenerThatKeepsWorkingIsSentWhenItsHoldIsUp() {
        writer.reserve();
        held.add(KEY, "reply 1");

        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.batches.isEmpty());
        assertThat(stream.batches).containsExactly(List.of("reply 1"));
        assertThat(held.holdsAny()).isFalse();

        writer.reserve();
        held.add(KEY, "reply 2"); // a new hold, after the first one ended
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.batches.size() == 2);
        assertThat(held.stopWith(KEY, "end")).isFalse(); // nothing held: the end marker goes on its own
        assertThat(stream.batches).containsExactly(List.of("reply 1"), List.of("reply 2"));
    }

    @Test
    void aReplyHeldWhileTheHoldClockSleepsWakesIt() {
        writer.reserve();
        held.add(KEY, "reply 1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.batches.isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(HoldTicker.SHARED::sleeps); // no reply held for 10 ms

        HeldReplies next = new HeldReplies(writer, writes::add);
        writer.reserve();
        next.add(KEY + "_next", "reply 2");

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.batches.size() == 2);
        assertThat(stream.batches).containsExactly(List.of("reply 1"), List.of("reply 2"));
    }

    @Test
    void holdsOfManyRecordsEachEndInTurn() {
        List<HeldReplies> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HeldReplies record = new HeldReplies(writer, writes::add);
            records.add(record);
            writer.reserve();
            record.add(KEY + i, "reply " + i);
            if (i % 2 == 0) {
                if (!record.stopWith(KEY + i, "end " + i)) { // the hold was up already: the end marker goes on its own
                    writer.reserve();
                    writes.add(writer.pushReserved(KEY + i, List.of("end " + i)));
                }
            }
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> records.stream().noneMatch(HeldReplies::holdsAny));
        for (int i = 0; i < 200; i++) {
            assertThat(stream.listed(KEY + i)).as("record %d", i)
                    .isEqualTo(i % 2 == 0 ? List.of("reply " + i, "end " + i) : List.of("reply " + i));
        }
    }

    /** A memory stream that also records each write's entries. */
    private static final class RecordingStream implements FeedbackStream {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<Map.Entry<String, String>> pushed = new CopyOnWriteArrayList<>();
        private final MemoryFeedbackStream memory = new MemoryFeedbackStream();

        List<String> listed(String key) {
            return pushed.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
        }

        @Override
        public CompletableFuture<Void> pushAll(List<Map.Entry<String, String>> entries, Duration ttl) {
            pushed.addAll(entries);
            batches.add(entries.stream().map(Map.Entry::getValue).toList());
            return FeedbackStream.super.pushAll(entries, ttl);
        }

        @Override
        public CompletableFuture<Void> push(String key, String entry, Duration ttl) {
            return memory.push(key, entry, ttl);
        }

        @Override
        public CompletableFuture<Optional<String>> pop(String key, Duration timeout) {
            return memory.pop(key, timeout);
        }

        @Override
        public void unpop(String key, String entry) {
            memory.unpop(key, entry);
        }

        @Override
        public CompletableFuture<Boolean> claim(String key, Duration ttl) {
            return memory.claim(key, ttl);
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
