package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.FeedbackException;
import io.streamback.FeedbackLane;
import io.streamback.FeedbackTimeoutException;
import io.streamback.NotSentException;
import io.streamback.StreamEndedException;
import io.streamback.StreambackException;
import io.streamback.TypeRef;
import io.streamback.internal.memory.MemoryFeedbackStream;
import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.FeedbackKeys;
import io.streamback.internal.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A lane over an in-memory list whose entries each test writes itself, in the order it wants. */
class DefaultFeedbackLaneTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(200);

    private final MemoryFeedbackStream feedback = new MemoryFeedbackStream();
    private final String key = FeedbackKeys.newKey();
    private final FeedbackLane lane = new DefaultFeedbackLane(key, feedback, CompletableFuture.completedFuture(null),
            WAIT, Runnable::run, JsonValues.withDefaultMapper());

    record Order(String id, int quantity) {
    }

    private void reply(@Nullable Object value, String group) {
        feedback.push(key, WireCodec.encode(FeedbackEntry.response(value, group)), WAIT).join();
    }

    private void end(String group) {
        feedback.push(key, WireCodec.encode(FeedbackEntry.end(null, group)), WAIT).join();
    }

    private void fail(String group, String error) {
        feedback.push(key, WireCodec.encode(FeedbackEntry.end(error, group)), WAIT).join();
    }

    // ---- typed reads

    @Test
    void readsMapRepliesToClassesAndGenericTypes() {
        reply(Map.of("id", "A-1", "quantity", 2), "shop");
        reply(List.of(Map.of("id", "B", "quantity", 1)), "shop");
        reply(Map.of("A-1", Map.of("id", "A-1", "quantity", 3)), "shop");
        reply(7, "shop");
        reply("text", "shop");

        assertThat(lane.read(Order.class)).isEqualTo(new Order("A-1", 2));
        assertThat(lane.read(new TypeRef<List<Order>>() { }, WAIT)).containsExactly(new Order("B", 1));
        assertThat(lane.read(new TypeRef<Map<String, Order>>() { })).containsEntry("A-1", new Order("A-1", 3));
        assertThat(lane.read(Long.class, WAIT)).isEqualTo(7L);
        assertThat(lane.read(Object.class)).isEqualTo("text");
    }

    @Test
    void asyncReadsAreTypedFutures() {
        reply(Map.of("id", "A-1", "quantity", 2), "shop");
        reply(List.of(Map.of("id", "B", "quantity", 1)), "shop");
        end("shop");

        CompletableFuture<Order> order = lane.readAsync(Order.class);
        assertThat(order).succeedsWithin(WAIT).isEqualTo(new Order("A-1", 2));
        CompletableFuture<List<Order>> orders = lane.readAsync(new TypeRef<List<Order>>() { }, WAIT);
        assertThat(orders).succeedsWithin(WAIT).asList().containsExactly(new Order("B", 1));
        assertThat(lane.readAsync(Order.class, WAIT)).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOf(StreamEndedException.class);
    }

    @Test
    void aReplyThatDoesNotFitNamesTheTypeAndTheGroup() {
        reply("not an order", "shop");

        assertThatThrownBy(() -> lane.read(Order.class)).isInstanceOf(StreambackException.class)
                .hasMessageContaining("consumer group shop").hasMessageContaining(Order.class.getName())
                .hasMessageContaining("String");
    }

    @Test
    void aTypeRefMustNameAType() {
        assertThatThrownBy(DefaultFeedbackLaneTest::refOfVariable).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type variable");
        assertThat(new TypeRef<List<Order>>() { }).isEqualTo(new TypeRef<List<Order>>() { })
                .hasToString("TypeRef<java.util.List<" + Order.class.getName() + ">>");
    }

    private static <T> TypeRef<T> refOfVariable() {
        return new TypeRef<T>() { };
    }

    // ---- a null reply is never the end

    @Test
    void aNullReplyIsNullAndTheEndThrows() {
        reply(null, "shop");
        end("shop");

        assertThat(lane.read(Order.class)).isNull();
        assertThat(lane.isEnded()).isFalse();
        assertThatThrownBy(() -> lane.read()).isInstanceOfSatisfying(StreamEndedException.class, e -> {
            assertThat(e.groups()).containsExactly("shop");
            assertThat(e.feedbackTopic()).isEqualTo(key);
            assertThat(e).hasMessage("consumer group shop ended after 1 reply on " + key + ": no more replies");
        });
        assertThat(lane.isEnded()).isTrue();
        assertThat(lane.endedBy()).isEqualTo("shop");
        assertThatThrownBy(() -> lane.read(SHORT)).as("at once, however long the timeout")
                .isInstanceOf(StreamEndedException.class);
        assertThat(lane.stream()).isEmpty();
    }

    // ---- streams

    @Test
    void streamsYieldTypedRepliesUntilTheEndMarker() {
        for (int i = 0; i < 4; i++) {
            reply(Map.of("id", "o" + i, "quantity", i), "shop");
        }
        reply(null, "shop");
        end("shop");

        List<@Nullable Order> orders = new ArrayList<>();
        for (Order order : lane.stream(Order.class)) {
            orders.add(order);
        }

        assertThat(orders).containsExactly(new Order("o0", 0), new Order("o1", 1), new Order("o2", 2),
                new Order("o3", 3), null);
        assertThat(lane.isEnded()).isTrue();
    }

    @Test
    void repliesComposeAndReadOnlyWhatThePipelineAsksFor() {
        for (int i = 0; i < 5; i++) {
            reply(Map.of("id", "o" + i, "quantity", i), "shop");
        }
        end("shop");

        List<String> firstTwo = lane.replies(Order.class).limit(2).map(Order::id).toList();
        int rest = lane.replies(new TypeRef<Map<String, Object>>() { }, WAIT).mapToInt(m -> (Integer) m.get("quantity"))
                .sum();

        assertThat(firstTwo).containsExactly("o0", "o1");
        assertThat(rest).as("2 + 3 + 4: limit(2) left the rest").isEqualTo(9);
        assertThat(lane.replies()).isEmpty();
    }

    @Test
    void anErrorEndMarkerThrowsFromTheStream() {
        reply("partial", "shop");
        fail("shop", "IllegalStateException('boom')");

        List<Object> seen = new ArrayList<>();
        assertThatThrownBy(() -> lane.replies(SHORT).forEach(seen::add))
                .isInstanceOfSatisfying(FeedbackException.class, e -> assertThat(e.sourceGroup()).isEqualTo("shop"));
        assertThat(seen).containsExactly("partial");
        assertThatThrownBy(() -> lane.read()).isInstanceOfSatisfying(StreamEndedException.class,
                e -> assertThat(e).hasMessageContaining("consumer group shop ended with an error"));
    }

    // ---- several groups

    @Test
    void aPlainReadWaitsPastTheEndMarkerOfAGroupThatSentNoReply() {
        end("audit");
        reply("invoice", "billing");
        reply("another audit line", "audit");
        end("billing");

        assertThat(lane.read(String.class)).isEqualTo("invoice");
        assertThat(lane.isEnded()).isFalse();
        assertThatThrownBy(() -> lane.read()).as("it follows billing now: audit's entries are skipped")
                .isInstanceOfSatisfying(StreamEndedException.class, e -> assertThat(e.groups()).containsExactly("billing"));
        assertThat(lane.endedBy()).isEqualTo("billing");
    }

    @Test
    void aPlainStreamFollowsTheFirstGroupThatReplies() {
        reply("b1", "billing");
        reply("s1", "shipping");
        reply("b2", "billing");
        end("shipping");
        end("billing");

        assertThat(lane.replies(String.class).toList()).containsExactly("b1", "b2");
    }

    @Test
    void aPlainReadThatOnlyGetsEndMarkersNamesEveryGroupAfterItsTimeout() {
        end("audit");
        end("metrics");

        assertThatThrownBy(() -> lane.read(SHORT)).isInstanceOfSatisfying(StreamEndedException.class, e -> {
            assertThat(e.groups()).containsExactly("audit", "metrics");
            assertThat(e).hasMessageStartingWith("consumer group audit ended without replying, consumer group metrics"
                    + " ended without replying on " + key + ", and no other group replied within 200 ms")
                    .hasMessageContaining("from(\"audit\")");
        });
        assertThat(lane.isEnded()).isTrue();
        assertThat(lane.endedBy()).isEqualTo("audit");
        assertThatThrownBy(() -> lane.read(WAIT)).isInstanceOf(StreamEndedException.class);
    }

    @Test
    void anErrorIsAnAnswer() {
        end("audit");
        fail("billing", "IllegalStateException('no stock')");
        reply("late", "shipping");

        assertThatThrownBy(() -> lane.read()).isInstanceOfSatisfying(FeedbackException.class,
                e -> assertThat(e.sourceGroup()).isEqualTo("billing"));
        assertThat(lane.endedBy()).isEqualTo("billing");
        assertThatThrownBy(() -> lane.read()).isInstanceOf(StreamEndedException.class);
    }

    @Test
    void fromReadsOneGroupAndEndsAtItsEndMarker() {
        reply("b1", "billing");
        end("billing");
        reply("s1", "shipping");
        end("shipping");

        FeedbackLane shipping = lane.from("shipping");
        assertThat(shipping.read(String.class)).isEqualTo("s1");
        assertThatThrownBy(() -> shipping.read()).isInstanceOfSatisfying(StreamEndedException.class,
                e -> assertThat(e.groups()).containsExactly("shipping"));
        assertThat(shipping.endedBy()).isEqualTo("shipping");
        assertThat(lane.from("billing").isEnded()).as("billing's end marker was skipped, and counted").isTrue();
        assertThat(shipping).hasToString("FeedbackLane{" + key + ", from shipping, ended by shipping}");
    }

    @Test
    void untilFirstEndMarkerIsPythonsRule() {
        end("audit");
        reply("invoice", "billing");

        FeedbackLane python = lane.untilFirstEndMarker();
        assertThatThrownBy(() -> python.read(SHORT)).isInstanceOfSatisfying(StreamEndedException.class, e -> {
            assertThat(e.groups()).containsExactly("audit");
            assertThat(e).hasMessageContaining("consumer group audit ended without replying");
        });
        assertThat(python.endedBy()).isEqualTo("audit");
        assertThat(lane.read(SHORT)).as("the lane itself still waits for a reply").isEqualTo("invoice");
    }

    @Test
    void timeoutsNameTheGroupsTheReadSaw() {
        reply("b1", "billing");
        assertThat(lane.read()).isEqualTo("b1");
        reply("s1", "shipping");

        assertThatThrownBy(() -> lane.read(SHORT)).isInstanceOf(FeedbackTimeoutException.class)
                .hasMessageContaining("consumer group billing replied before and has not sent its end marker")
                .hasMessageContaining("shipping=1");
        assertThatThrownBy(() -> lane.from("audit").read(SHORT)).isInstanceOf(FeedbackTimeoutException.class)
                .hasMessageContaining("audit");
    }

    @Test
    void aCancelledReadLeavesTheReplyAndTheGroupForTheNextRead() {
        CompletableFuture<String> cancelled = lane.readAsync(String.class, WAIT);
        cancelled.cancel(false);
        reply("b1", "billing");
        end("billing");

        assertThat(lane.read(String.class)).isEqualTo("b1");
        assertThatThrownBy(() -> lane.read()).isInstanceOfSatisfying(StreamEndedException.class,
                e -> assertThat(e.groups()).containsExactly("billing"));
    }

    @Test
    void aSendThatFailsWhileAReadWaitsFailsTheReadOnACompletionThreadNotTheSendersThread() throws InterruptedException {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        List<String> completedOn = new ArrayList<>();
        ExecutorService completions = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-completions"));
        try {
            FeedbackLane waiting = new DefaultFeedbackLane(key, feedback, sent, WAIT, completions,
                    JsonValues.withDefaultMapper());
            CompletableFuture<Object> read = waiting.readAsync(WAIT);
            CompletableFuture<Void> seen = read.handle((value, error) -> {
                completedOn.add(Thread.currentThread().getName());
                return null;
            });

            Thread producer = new Thread(() -> sent.completeExceptionally(new IllegalStateException("broker gone")),
                    "test-producer");
            producer.start();
            producer.join();

            // waiting on seen, not on read: a thread blocked in read.get() may run read's dependents itself
            assertThat(seen).succeedsWithin(WAIT);
            assertThat(completedOn).containsExactly("test-completions");
            assertThat(read).failsWithin(WAIT).withThrowableThat().havingCause().isInstanceOf(NotSentException.class)
                    .withMessageContaining("the message was not sent, so no feedback will come")
                    .withMessageContaining("broker gone");
        } finally {
            completions.shutdownNow();
        }
    }
}
