package io.streamback.it;

import static io.streamback.it.ItSupport.PATIENCE;
import static io.streamback.it.ItSupport.get;
import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.testkit.StreambackTest;
import io.streamback.testkit.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
        assertThat(laneA.read(groupA, String.class, REPLY_TIMEOUT)).isEqualTo("from_a");
        assertThat(laneA.read(groupA, String.class, REPLY_TIMEOUT)).isNull();
        assertThat(laneA.isEnded()).isTrue();

        FeedbackLane laneB = producer.send(topic, Map.of("n", 2));
        assertThat(laneB.read(groupB, String.class, REPLY_TIMEOUT)).isEqualTo("from_b");
        assertThat(laneB.read(groupB, String.class, REPLY_TIMEOUT)).isEqualTo("from_b_again");
        assertThat(laneB.read(groupB, String.class, REPLY_TIMEOUT)).isNull();
        assertThat(laneB.isEnded()).isTrue();
    }

    @Test
    void withoutGroupTheFirstEndMarkerEndsTheStream(@Streams String streams) {
        String topic = unique("first_end");
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
        Streamback producer = closer.add(Streamback.create(unique("first_end_producer"), streams));
        ItSupport.RawRedis redis = closer.add(ItSupport.redis());

        FeedbackLane lane = producer.send(topic, Map.of());
        List<Object> replies = new ArrayList<>();
        lane.stream(REPLY_TIMEOUT).forEach(replies::add);

        assertThat(replies).containsExactly("from_a");
        assertThat(lane.isEnded()).isTrue();

        releaseB.countDown();
        await().atMost(PATIENCE).untilAsserted(
                () -> assertThat(redis.sync().llen(lane.feedbackTopic())).as("group B's reply and end marker").isEqualTo(2));
        assertThat(lane.read(REPLY_TIMEOUT)).as("the lane stays ended").isNull();
        assertThat(redis.sync().llen(lane.feedbackTopic())).isEqualTo(2);
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

        assertThat(producer.send(topic, Map.of()).read(app, String.class, REPLY_TIMEOUT))
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
