package io.streamback.internal.kafka;

import io.streamback.StreambackBuilder;
import io.streamback.StreambackException;
import io.streamback.internal.spi.MainConsumer;
import io.streamback.internal.spi.MainStream;
import io.streamback.internal.spi.OutboundRecord;
import io.streamback.internal.spi.RebalanceListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * The main stream on Kafka. One producer, created on the first send, is shared by every thread;
 * each worker gets its own consumer.
 *
 * <p>Defaults: consumers start at the earliest offset when their group has no commit yet (a new
 * group misses nothing) and never auto-commit; both can be changed through extra properties.
 * Consumers use the classic group protocol with the cooperative sticky assignor, so adding or
 * retiring a worker does not stop the others; see {@link GroupProtocol}.
 *
 * <p>{@link #send} waits in the caller's thread only for what kafka-clients' {@code max.block.ms}
 * bounds: the topic's metadata (the first send to a topic, or while no broker answers) and room in
 * the producer's buffer ({@code buffer.memory}). Its default here is
 * {@link StreambackBuilder#DEFAULT_SEND_BLOCK_TIMEOUT}, not kafka-clients' 60 s; a {@code max.block.ms}
 * in the extra properties wins. When the wait runs out, the future fails with a
 * {@link StreambackException} that says whether no broker answered (naming the bootstrap servers),
 * the topic does not exist, or the buffer stayed full, and what to check.
 */
public final class KafkaMainStream implements MainStream {
    /** How long {@link #close()} waits for records still in flight before giving up on them. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final String clientIdPrefix;
    private final String maxBlockMs;
    private final Object producerLock = new Object();
    private volatile @Nullable KafkaProducer<byte[], byte[]> producer;
    private @Nullable Admin admin;
    private final List<KafkaClientInstrumentation> instrumentations;
    private @Nullable ClientBindings producerBindings;
    private @Nullable ClientBindings adminBindings;

    /** A main stream on the cluster {@code settings} names; {@code clientIdPrefix} names its clients. */
    public KafkaMainStream(KafkaSettings settings, String clientIdPrefix) {
        this(settings, clientIdPrefix, List.of());
    }

    /** The same, with every client it creates made known to {@code instrumentations}. */
    public KafkaMainStream(KafkaSettings settings, String clientIdPrefix,
            List<KafkaClientInstrumentation> instrumentations) {
        this.instrumentations = List.copyOf(instrumentations);
        this.settings = settings;
        this.clientIdPrefix = clientIdPrefix;
        this.maxBlockMs = settings.properties().getOrDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(StreambackBuilder.DEFAULT_SEND_BLOCK_TIMEOUT.toMillis()));
    }

    @Override
    public CompletableFuture<Void> send(OutboundRecord record) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        AtomicBoolean returned = new AtomicBoolean(); // a timeout before send returns is a max.block.ms wait
        try {
            KafkaProducer<byte[], byte[]> current = producer();
            ProducerRecord<byte[], byte[]> producerRecord = new ProducerRecord<>(record.topic(), key, record.value());
            record.headers().forEach((name, value) -> producerRecord.headers().add(name, value));
            current.send(producerRecord, (metadata, error) -> {
                if (error == null) {
                    sent.complete(null);
                } else if (!returned.get() && error instanceof org.apache.kafka.common.errors.TimeoutException timeout) {
                    sent.completeExceptionally(BlockedSend.explain(record.topic(), timeout,
                            settings.bootstrapServers(), maxBlockMs, current.metrics()));
                } else {
                    sent.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        } finally {
            returned.set(true);
        }
        return sent;
    }

    @Override
    public void flush() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current != null) {
            current.flush();
        }
    }

    @Override
    public MainConsumer subscribe(String group, String clientId, Collection<String> topics,
            RebalanceListener onRevoke) {
        Map<String, Object> props = settings.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        GroupProtocol.choose(props, settings.properties());
        props.putAll(settings.properties());
        props.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG); // a producer setting; a consumer would log it as unused
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        ClientBindings bindings = ClientBindings.bind(instrumentations, i -> i.consumerCreated(clientIdPrefix, consumer, clientId));
        return new KafkaMainConsumer(consumer, topics, onRevoke, bindings);
    }

    @Override
    public long lag(String group, Collection<String> topics) {
        String reset = settings.properties().getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try {
            return new KafkaLag(admin(), "earliest".equals(reset)).of(group, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagUnavailableException("interrupted while reading the lag of group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LagUnavailableException("cannot read the lag of group " + group + " from " + settings + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** {@code describeCluster} through the Admin API, answered on the admin's thread. */
    @Override
    public CompletableFuture<String> probe(Duration timeout) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE,
                    timeout.toMillis()))).nodes().whenComplete((nodes, error) -> {
                        if (error != null) {
                            answer.completeExceptionally(error);
                        } else {
                            answer.complete(nodes.size() + (nodes.size() == 1 ? " broker" : " brokers"));
                        }
                    });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private Admin admin() {
        synchronized (producerLock) {
            if (admin == null) {
                Map<String, Object> props = settings.clientProperties();
                props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-admin");
                settings.properties().forEach((key, value) -> {
                    if (AdminClientConfig.configNames().contains(key)) {
                        props.put(key, value);
                    }
                });
                Admin created = Admin.create(props);
                adminBindings = ClientBindings.bind(instrumentations, i -> i.adminCreated(clientIdPrefix, created));
                admin = created;
            }
            return admin;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current != null) {
            return current;
        }
        synchronized (producerLock) {
            if (producer == null) {
                Map<String, Object> props = settings.clientProperties();
                props.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-producer");
                props.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // measured: linger 1 ms was the largest cost of a sequential RPC
                props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
                props.putAll(settings.properties());
                KafkaProducer<byte[], byte[]> created =
                        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                producerBindings = ClientBindings.bind(instrumentations, i -> i.producerCreated(clientIdPrefix, created));
                producer = created;
            }
            return producer;
        }
    }

    @Override
    public void close() {
        synchronized (producerLock) {
            KafkaProducer<byte[], byte[]> current = producer;
            producer = null;
            if (current != null) {
                closeBindings(producerBindings);
                producerBindings = null;
                current.close(CLOSE_TIMEOUT);
            }
            if (admin != null) {
                closeBindings(adminBindings);
                adminBindings = null;
                admin.close(CLOSE_TIMEOUT);
                admin = null;
            }
        }
    }

    private static void closeBindings(@Nullable ClientBindings bindings) {
        if (bindings != null) {
            bindings.close();
        }
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
