package io.streamback.it;

import static io.streamback.it.ItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.FeedbackLane;
import io.streamback.Streamback;
import io.streamback.testkit.EmbeddedRedisSentinel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a Sentinel deployment must do beyond every deployment's contract: a failover in the
 * middle of a stream loses no reply. Subclasses start a master, a replica and 3 sentinels with
 * an ACL user.
 */
abstract class RedisSentinelContract extends RedisDeploymentContract {
    static final String MASTER = "feedback_master";
    private static final int REPLIES = 400;

    /** The deployment under test. */
    abstract EmbeddedRedisSentinel sentinel();

    /** The streams string's scheme: {@code redis-sentinel} or {@code rediss-sentinel}. */
    abstract String scheme();

    @Override
    String feedback() {
        return withUser(scheme(), sentinel().sentinelNodes() + "#" + MASTER);
    }

    @Override
    List<Integer> dataPorts() {
        return sentinel().dataPorts();
    }

    @Test
    void aFailoverInTheMiddleOfAStreamLosesNoReply() throws Exception {
        EmbeddedRedisSentinel sentinel = sentinel();
        String topic = unique("failover_stream");
        CountDownLatch halfRead = new CountDownLatch(1);
        CountDownLatch failedOver = new CountDownLatch(1);
        closer.add(Streamback.create(unique("failover_streamer"), streams()))
                .listen(topic, message -> {
                    for (int i = 0; i < REPLIES; i++) {
                        if (i == REPLIES / 2) {
                            halfRead.await(30, TimeUnit.SECONDS);
                        }
                        message.respond(i);
                        if (i > REPLIES / 2) {
                            failedOver.await(5, TimeUnit.MILLISECONDS); // spread the replies over the failover
                        }
                    }
                }).startInBackground();
        Streamback producer = closer.add(Streamback.create(unique("failover_reader"), streams()));
        int masterBefore = sentinel.masterPort();

        FeedbackLane lane = producer.send(topic, "go");
        List<Object> replies = new ArrayList<>();
        Iterator<Object> stream = lane.stream(Duration.ofSeconds(30)).iterator();
        while (replies.size() < REPLIES / 2) {
            replies.add(stream.next());
        }
        halfRead.countDown();
        Thread failover = new Thread(() -> {
            sentinel.failover();
            failedOver.countDown();
        });
        failover.start();
        stream.forEachRemaining(replies::add);
        failover.join(TimeUnit.SECONDS.toMillis(60));

        System.out.printf("failover: master %d -> %d; replies read %d of %d, duplicates %d%n", masterBefore,
                sentinel.masterPort(), replies.size(), REPLIES, replies.size() - replies.stream().distinct().count());
        assertThat(failedOver.getCount()).as("the failover finished").isZero();
        assertThat(sentinel.masterPort()).isNotEqualTo(masterBefore);
        assertThat(replies.stream().distinct().toList()).as("every reply, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, REPLIES).boxed().toList());
    }
}
