package io.streamback.cli;

import io.streamback.internal.Topics;
import io.streamback.internal.memory.MemoryMainStream;
import io.streamback.internal.spi.InboundRecord;
import io.streamback.internal.spi.MainConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Tap} on the in-memory main stream of this JVM (tests, embedded use): a member of a
 * group of its own, which is never committed and never answers. It starts at the beginning or the end.
 */
final class MemoryTap implements Tap {
    private final MemoryMainStream stream;
    private final String group = "streamback-cli-tap-" + UUID.randomUUID();
    private final List<String> fullTopics = new ArrayList<>();
    private final MainConsumer consumer;
    private final Topics topics;

    MemoryTap(String name, Topics topics, List<String> localTopics, StartPosition from) {
        this.stream = MemoryMainStream.named(name);
        this.topics = topics;
        localTopics.forEach(topic -> fullTopics.add(topics.full(topic)));
        this.consumer = stream.subscribe(group, group, fullTopics, revoked -> { });
        if (from instanceof StartPosition.End) {
            consumer.poll(Duration.ZERO); // skips what is there
        } else if (!(from instanceof StartPosition.Beginning)) {
            throw new IllegalArgumentException("--from " + from.describe() + " needs Kafka: a memory:// stream"
                    + " starts at the beginning or the end");
        }
    }

    @Override
    public List<Map<String, @Nullable Object>> poll(Duration timeout) {
        List<Map<String, @Nullable Object>> lines = new ArrayList<>();
        List<InboundRecord> records = consumer.poll(timeout);
        for (InboundRecord record : records) {
            lines.add(TapRecord.of(topics.local(record.topic()), record.partition(), record.offset(), null,
                    record.key(), TapRecord.text(record.headers()), record.value()));
        }
        return lines;
    }

    @Override
    public boolean atEnd() {
        return stream.lag(group, fullTopics) == 0;
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
