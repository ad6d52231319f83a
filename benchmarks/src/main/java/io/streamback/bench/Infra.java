package io.streamback.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.streamback.internal.StreamsConfig;
import io.streamback.internal.StreamsParser;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.redis.RedisSettings;
import io.streamback.testkit.EmbeddedKafka;
import io.streamback.testkit.EmbeddedRedis;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The servers every contender uses (the test kit's embedded Kafka and real redis-server), plus the
 * helpers around them: pre-created topics, client settings, Redis connection counts.
 */
final class Infra implements AutoCloseable {
    private final AtomicInteger counter = new AtomicInteger();
    private final String streams;
    private final Map<String, Object> kafkaClient;
    private final Admin admin;
    private final RedisClient redis;
    private final StatefulRedisConnection<String, String> probe;

    private Infra(String streams, KafkaSettings kafka, RedisURI redisUri) {
        this.streams = streams;
        this.kafkaClient = Map.copyOf(kafka.clientProperties());
        this.admin = Admin.create(kafkaClient);
        this.redis = RedisClient.create(redisUri);
        this.probe = redis.connect();
    }

    /** Starts (or reuses) the shared embedded Kafka and Redis. */
    static Infra start() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        EmbeddedRedis redis = EmbeddedRedis.shared();
        return connect("main=kafka://" + kafka.bootstrapServers() + "&feedback=" + redis.uri());
    }

    /**
     * The servers a streams string names: a Kafka cluster (topics are made with 1 replica) and one
     * Redis server or a Sentinel-watched one; the floors' raw Redis client cannot use a Redis Cluster.
     */
    static Infra connect(String streams) {
        StreamsConfig parsed = StreamsParser.parse(streams);
        if (!(parsed.main() instanceof KafkaSettings kafka)) {
            throw new IllegalArgumentException("the benchmark needs Kafka: main=kafka://host:port");
        }
        if (!(parsed.feedback() instanceof RedisSettings redis) || redis.deployment() == RedisSettings.Deployment.CLUSTER) {
            throw new IllegalArgumentException("the benchmark needs one Redis server: feedback=redis://host:port");
        }
        return new Infra(streams, kafka, redis.toUri(Duration.ofSeconds(10)));
    }

    String bootstrap() {
        return (String) kafkaClient.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** The Streamback streams string for these servers. */
    String streams() {
        return streams;
    }

    /** A unique name for a group, an app or a topic. */
    String unique(String prefix) {
        return prefix + "_" + counter.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a fresh topic with {@code partitions} partitions and returns its name. */
    String topic(String prefix, int partitions) {
        String name = unique(prefix);
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        awaitLeaders(name, partitions);
        return name;
    }

    /** Waits until the broker's metadata shows a leader for every partition of a new topic. */
    private void awaitLeaders(String name, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription topic = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(name);
                if (topic.partitions().size() == partitions
                        && topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (Exception e) {
                last = e; // the broker has not applied the new topic yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("topic " + name + " has no leaders after 30 s", last);
    }

    /**
     * Producer settings matching the library's durability defaults: acks=all and idempotence on
     * (the Kafka client defaults), with the given linger.
     */
    Map<String, Object> producerProps(int lingerMs) {
        Map<String, Object> props = new HashMap<>(kafkaClient);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        return props;
    }

    /** Consumer settings for a plain poll loop reading from the earliest offset. */
    Map<String, Object> consumerProps(String group) {
        Map<String, Object> props = new HashMap<>(kafkaClient);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    /** A new Lettuce connection; the caller closes it. */
    StatefulRedisConnection<String, String> redis() {
        return redis.connect();
    }

    /** A new Lettuce pub/sub connection; the caller closes it. */
    io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String> redisPubSub() {
        return redis.connectPubSub();
    }

    /** {@code connected_clients} from {@code INFO clients}. */
    int redisClients() {
        String clients = info("clients").get("connected_clients");
        return clients == null ? -1 : Integer.parseInt(clients);
    }

    /** CPU seconds the Redis server has used, user and system ({@code INFO cpu}). */
    double redisCpuSeconds() {
        Map<String, String> cpu = info("cpu");
        return Double.parseDouble(cpu.getOrDefault("used_cpu_user", "0"))
                + Double.parseDouble(cpu.getOrDefault("used_cpu_sys", "0"));
    }

    /** The {@code name:value} fields of one {@code INFO} section. */
    private Map<String, String> info(String section) {
        Map<String, String> fields = new HashMap<>();
        for (String line : probe.sync().info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** Whether {@code key} exists in Redis. */
    boolean exists(String key) {
        return probe.sync().exists(key) > 0;
    }

    /** The number of keys in Redis. */
    long dbSize() {
        return probe.sync().dbsize();
    }

    /** How many connections currently sit in {@code command} (lower case, as {@code CLIENT LIST} names it). */
    long clientsIn(String command) {
        return probe.sync().clientList().lines()
                .filter(line -> List.of(line.trim().split(" ")).contains("cmd=" + command)).count();
    }

    /** The server's major version, from {@code INFO server}. */
    int redisMajorVersion() {
        return Integer.parseInt(info("server").getOrDefault("redis_version", "0").split("\\.")[0]);
    }

    /** The JVM's live thread count. */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Override
    public void close() {
        probe.close();
        redis.shutdown();
        admin.close();
    }
}
