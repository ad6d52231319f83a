package io.streamback.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.metadata.storage.Formatter;

/**
 * The settings and storage of one broker of an {@link EmbeddedKafkaCluster}: combined broker and
 * controller, one of the cluster's controller quorum voters, tuned to notice a dead broker within
 * seconds.
 */
final class KafkaBrokerConfig {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** How long the controller waits for a broker's heartbeat before fencing it (Kafka's default: 9 s). */
    static final int BROKER_SESSION_TIMEOUT_MS = 3_000;

    /** How long a consumer group member ({@code group.protocol=consumer}) may be silent (Kafka's default: 45 s). */
    static final int CONSUMER_SESSION_TIMEOUT_MS = 6_000;

    private KafkaBrokerConfig() {
    }

    /**
     * Returns the properties of broker {@code nodeId} of a cluster whose controllers are
     * {@code voters} (node id to controller port).
     */
    static Map<String, String> of(int nodeId, int port, int controllerPort, Map<Integer, Integer> voters,
            int replicationFactor, int minInSyncReplicas, Path dataDir) {
        Map<String, String> props = new TreeMap<>();
        putNode(props, nodeId, port, controllerPort, voters, dataDir);

        String rf = Integer.toString(replicationFactor);
        String minIsr = Integer.toString(minInSyncReplicas);
        props.put("default.replication.factor", rf);
        props.put("min.insync.replicas", minIsr);
        props.put("offsets.topic.replication.factor", rf);
        props.put("transaction.state.log.replication.factor", rf);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", rf);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("unclean.leader.election.enable", "false");

        // a killed broker is fenced, and loses its leaderships, within seconds
        props.put("broker.session.timeout.ms", Integer.toString(BROKER_SESSION_TIMEOUT_MS));
        props.put("broker.heartbeat.interval.ms", "500");

        // fast tests: small internal topics, no rebalance delay, quick heartbeats
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.consumer.min.heartbeat.interval.ms", "500");
        props.put("group.consumer.heartbeat.interval.ms", "500");
        // a killed consumer's partitions move to the others after 6 s (Kafka's default: 45 s)
        props.put("group.consumer.min.session.timeout.ms", "3000");
        props.put("group.consumer.session.timeout.ms", Integer.toString(CONSUMER_SESSION_TIMEOUT_MS));

        // small footprint (several brokers on a 2-core machine)
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("num.replica.fetchers", "1");
        props.put("background.threads", "2");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        return props;
    }

    /**
     * Puts what makes node {@code nodeId} a combined broker and controller on 127.0.0.1: its
     * roles, listeners, the controller quorum {@code voters} (node id to controller port) and its
     * data folder. Shared by the single in-process broker and the brokers of a cluster.
     */
    static void putNode(Map<String, ? super String> props, int nodeId, int port, int controllerPort,
            Map<Integer, Integer> voters, Path dataDir) {
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters.entrySet().stream()
                .map(voter -> voter.getKey() + "@" + Ports.HOST + ":" + voter.getValue())
                .collect(Collectors.joining(",")));
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + port);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
    }

    /** Writes {@code props} to {@code file} as a properties file. */
    static void write(Map<String, String> props, Path file) {
        Properties properties = new Properties();
        properties.putAll(props);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "broker of an EmbeddedKafkaCluster");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Formats {@code dataDir} as the storage of node {@code nodeId} of cluster {@code clusterId}. */
    static void format(int nodeId, String clusterId, Path dataDir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDir.toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + dataDir + ": " + e, e);
        }
    }
}
