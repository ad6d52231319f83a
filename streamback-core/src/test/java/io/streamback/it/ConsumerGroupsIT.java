package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@StreambackTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerGroupsIT {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ItSupport.Closer closer = new ItSupport.Closer();

    @Test
    void readFromOneGroupSkipsTheOtherGroupsReplies(@Streams String streams) {
        String topic = unique("two_groups");
        String groupA = unique("group_a");
        String groupB = unique("group_b");
        closer.add(Streamback.create(groupA, streams))
                .listen(topic, message -> message.respond("from_a"))
                .startInBackground();
        closer.add(Streamback.create(groupB, streams))
                .listen(topic, message -> {
                    message.respond("from_b");
                    message.respond("from_b_again");
                })
                .startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("two_groups_producer"), streams));

        FeedbackLane laneA = producer.send(topic, Map.of("n", 1));
        assertThat(laneA.from(groupA).read(String.class, REPLY_TIMEOUT)).isEqualTo("from_a");
        assertThatThrownBy(() -> laneA.from(groupA).read(String.class, REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
        assertThat(laneA.isEnded()).isTrue();

        FeedbackLane laneB = producer.send(topic, Map.of("n", 2));
        assertThat(laneB.from(groupB).read(String.class, REPLY_TIMEOUT)).isEqualTo("from_b");
        assertThat(laneB.from(groupB).read(String.class, REPLY_TIMEOUT)).isEqualTo("from_b_again");
        assertThatThrownBy(() -> laneB.from(groupB).read(String.class, REPLY_TIMEOUT)).isInstanceOf(StreamEndedException.class);
        assertThat(laneB.isEnded()).isTrue();
    }

    @Test
    void withoutGroupTheStreamFollowsTheFirstGroupThatReplies(@Streams String streams) {
        String topic = unique("first_reply");
        String groupA = unique("group_a");
        String groupB = unique("group_b");
        CountDownLatch releaseB = new CountDownLatch(1);
        closer.add(Streamback.create(groupA, streams))
                .listen(topic, message -> message.respond("from_a"))
                .startInBackground();
        closer.add(Streamback.create(groupB, streams))
                .listen(topic, message -> {
                    if (releaseB.await(30, TimeUnit.SECONDS)) {
                        message.respond("from_b");
                    }
                })
                .startInBackground();
        closer.add(releaseB::countDown); // closed before group B: its listener never holds up close()
        Streamback producer = closer.add(Streamback.create(unique("first_reply_producer"), streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        FeedbackLane lane = producer.send(topic, Map.of());
        List<Object> replies = new ArrayList<>();
        lane.stream(REPLY_TIMEOUT).forEach(replies::add);

        assertThat(replies).containsExactly("from_a");
        assertThat(lane.isEnded()).isTrue();
        assertThat(lane.endedBy()).isEqualTo(groupA);

        releaseB.countDown();
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(redis.sync().llen(lane.feedbackTopic())).as("group B's reply and end marker").isEqualTo(2));
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).as("the lane stays ended")
                .isInstanceOfSatisfying(StreamEndedException.class, e -> assertThat(e.groups()).containsExactly(groupA));
        assertThat(redis.sync().llen(lane.feedbackTopic())).isEqualTo(2);
    }

    /**
     * Group {@code quiet} only ends; group {@code replier} replies to an odd message whenever it gets there, and to
     * an even one once {@link #quietEndedFirst} saw {@code quiet}'s end marker alone in the list.
     */
    private record QuietAndReplier(String topic, String quiet, String replier, Streamback producer,
            Semaphore evenReplies, ItSupport.RawRedis redis) {
        /** Sends even message {@code n} and returns its lane once {@code quiet}'s end marker is ahead of the reply. */
        FeedbackLane quietEndedFirst(int n) {
            FeedbackLane lane = producer.send(topic, n);
            await().atMost(PATIENCE).until(() -> redis.sync().llen(lane.feedbackTopic()) == 1);
            evenReplies.release();
            return lane;
        }
    }

    private QuietAndReplier quietAndReplier(String streams, String name) {
        String topic = unique(name);
        String quiet = unique("quiet");
        String replier = unique("replier");
        Semaphore evenReplies = new Semaphore(0);
        closer.add(Streamback.create(quiet, streams)).listen(topic, message -> { }).startInBackground();
        closer.add(Streamback.create(replier, streams)).listen(topic, message -> {
            if (((Integer) message.value()) % 2 == 0 && !evenReplies.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the reply go");
            }
            message.respond("reply " + message.value());
        }).startInBackground();
        closer.add(() -> evenReplies.release(100)); // closed before the replier: close() is never held up
        return new QuietAndReplier(topic, quiet, replier, closer.add(Streamback.create(unique(name + "_producer"),
                streams)), evenReplies, closer.add(ItSupport.redis()));
    }

    @Test
    void plainReadsGetAReplyEveryTimeWhileAnotherGroupOnlyEnds(@Streams String streams) {
        QuietAndReplier groups = quietAndReplier(streams, "plain_reads");

        for (int i = 0; i < 10; i++) {
            FeedbackLane lane = i % 2 == 0 ? groups.quietEndedFirst(i) : groups.producer().send(groups.topic(), i);
            assertThat(lane.read(String.class, REPLY_TIMEOUT)).as("plain read %d", i).isEqualTo("reply " + i);
            assertThatThrownBy(() -> lane.read(String.class, REPLY_TIMEOUT)).as("after the reply of %d", i)
                    .isInstanceOfSatisfying(StreamEndedException.class,
                            e -> assertThat(e.groups()).containsExactly(groups.replier()));
            assertThat(lane.endedBy()).isEqualTo(groups.replier());
        }
        List<String> streamed = groups.quietEndedFirst(10).replies(String.class, REPLY_TIMEOUT).toList();
        assertThat(streamed).containsExactly("reply 10");
    }

    @Test
    void pythonsRuleEndsAtTheQuietGroupsEndMarker(@Streams String streams) {
        QuietAndReplier groups = quietAndReplier(streams, "python_rule");

        FeedbackLane lane = groups.quietEndedFirst(0).untilFirstEndMarker();
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT))
                .isInstanceOfSatisfying(StreamEndedException.class, e -> {
                    assertThat(e.groups()).containsExactly(groups.quiet());
                    assertThat(e).hasMessageContaining("consumer group " + groups.quiet() + " ended without replying");
                });
        assertThat(lane.endedBy()).isEqualTo(groups.quiet());
    }

    @Test
    void aPlainReadThatOnlyGetsEndMarkersNamesTheGroupsAfterItsTimeout(@Streams String streams) {
        String topic = unique("only_ends");
        String first = unique("quiet_one");
        String second = unique("quiet_two");
        closer.add(Streamback.create(first, streams)).listen(topic, message -> { }).startInBackground();
        closer.add(Streamback.create(second, streams)).listen(topic, message -> { }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("only_ends_producer"), streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        FeedbackLane lane = producer.send(topic, "x");
        await().atMost(PATIENCE).until(() -> redis.sync().llen(lane.feedbackTopic()) == 2);
        assertThatThrownBy(() -> lane.read(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(StreamEndedException.class, e -> {
                    assertThat(e.groups()).containsExactlyInAnyOrder(first, second);
                    assertThat(e).hasMessageContaining("consumer group " + first + " ended without replying")
                            .hasMessageContaining("consumer group " + second + " ended without replying")
                            .hasMessageContaining("no other group replied within 1000 ms");
                });
        assertThat(lane.isEnded()).isTrue();
        assertThatThrownBy(() -> lane.read(REPLY_TIMEOUT)).as("at once").isInstanceOf(StreamEndedException.class);
    }

    @Test
    void groupSettingNamesTheConsumerGroupButRepliesCarryTheAppName(@Streams String streams) throws Exception {
        String topic = unique("group_override");
        String app = unique("group_override_app");
        String group = unique("G");
        Streamback consumer = closer.add(Streamback.create(app, streams + "&group=" + group));
        consumer.listen(topic, message -> message.respond("hi from " + message.topic()))
                .startInBackground();
        assertThat(consumer.group()).isEqualTo(group);
        Streamback producer = closer.add(Streamback.create(unique("group_override_producer"), streams));
        Admin admin = closer.add(ItSupport.admin());
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        assertThat(producer.send(topic, Map.of()).from(app).read(String.class, REPLY_TIMEOUT))
                .isEqualTo("hi from " + topic);

        List<String> groups = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).toList();
        assertThat(groups).contains(group).doesNotContain(app);
        ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).describedGroups()
                .get(group));
        assertThat(description.members()).extracting(MemberDescription::clientId)
                .singleElement().asString().startsWith(app);
        assertThat(description.members().iterator().next().assignment().topicPartitions())
                .extracting(tp -> tp.topic()).containsExactly(topic);

        FeedbackLane lane = producer.send(topic, Map.of());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(redis.sync().llen(lane.feedbackTopic())).isEqualTo(2));
        List<JsonNode> entries = new ArrayList<>();
        for (String raw : redis.sync().lrange(lane.feedbackTopic(), 0, -1)) {
            entries.add(JSON.readTree(raw));
        }
        assertThat(entries).extracting(e -> e.get("source_group").asText()).containsOnly(app);
        assertThat(entries).extracting(e -> e.get("event").asText())
                .containsExactlyInAnyOrder("response", "response_end");
    }

    @Test
    void builderGroupWinsOverTheStreamsString(@Streams String streams) {
        Streamback app = closer.add(Streamback.builder(unique("app")).streams(streams + "&group=from_streams")
                .group("from_builder").build());
        Streamback plain = closer.add(Streamback.create(unique("plain_app"), streams));

        assertThat(app.group()).isEqualTo("from_builder");
        assertThat(plain.group()).isEqualTo(plain.name());
    }
}
