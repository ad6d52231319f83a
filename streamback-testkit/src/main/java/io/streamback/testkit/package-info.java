/**
 * Real servers for Streamback integration tests: an in-process single-node Kafka broker
 * (KRaft) for the main stream and a {@code redis-server} child process for the feedback stream,
 * both on {@code 127.0.0.1}.
 *
 * <p>The shared servers start lazily, once per JVM, and stop when the JVM exits. In JUnit 5:
 *
 * <pre>{@code
 * @StreambackTest
 * class OrderServiceIT {
 *     @Test
 *     void replies(@Streams String streams) {
 *         // streams = "main=kafka://127.0.0.1:PORT&feedback=redis://127.0.0.1:PORT"
 *     }
 *
 *     @Test
 *     void usesKafkaDirectly(StreambackTestKit kit) {
 *         String bootstrapServers = kit.kafka().bootstrapServers();
 *     }
 * }
 * }</pre>
 *
 * <p>Without JUnit, call {@link io.streamback.testkit.StreambackTestKit#shared()}, or start
 * private servers with {@link io.streamback.testkit.EmbeddedKafka#start(int)} and
 * {@link io.streamback.testkit.EmbeddedRedis#start(int)} (close them when done).
 *
 * <p>For the feedback stream's other Redis deployments, tests start and own (and close) a
 * {@link io.streamback.testkit.EmbeddedRedisCluster} (3 masters, optional replicas) or an
 * {@link io.streamback.testkit.EmbeddedRedisSentinel} (master, replica, 3 sentinels); both can
 * protect their data nodes with a password and an ACL user, and can kill nodes or fail over.
 * They are not part of the shared kit: each test gets a fresh deployment it may break.
 *
 * <p>Likewise for the main stream, an {@link io.streamback.testkit.EmbeddedKafkaCluster} runs
 * 3 brokers (replication factor 3, {@code min.insync.replicas} 2) in child JVMs, so a test can
 * {@code SIGKILL} one, e.g. its group's coordinator, and restart it.
 *
 * <p>Redis comes from {@code redis-server} on {@code PATH} if present, otherwise from the binary
 * bundled with {@code com.github.codemonstur:embedded-redis} (Linux and macOS).
 */
@NullMarked
package io.streamback.testkit;

import org.jspecify.annotations.NullMarked;
