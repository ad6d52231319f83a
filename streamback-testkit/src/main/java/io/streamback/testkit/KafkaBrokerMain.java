package io.streamback.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.common.utils.Time;

/**
 * The child JVM of one {@link EmbeddedKafkaCluster} broker: starts a KRaft server from the
 * properties file named by its only argument on already formatted storage, and halts when its
 * standard input closes, so a broker never outlives the JVM that started it, even one killed
 * with {@code SIGKILL}.
 */
final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        Thread watcher = new Thread(KafkaBrokerMain::haltWhenParentIsGone, "streamback-kafka-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Map<String, Object> props = load(Path.of(args[0]));
        try {
            new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM).startup();
        } catch (Throwable e) {
            // a half-started server's threads would keep this JVM alive: print and halt. Standard
            // error goes to the broker's log file, which the parent quotes when start-up fails
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    private static Map<String, Object> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, Object> props = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> props.put(name, properties.getProperty(name)));
        return props;
    }

    private static void haltWhenParentIsGone() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // the parent writes nothing; end of stream means it is gone
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone too
        }
        Runtime.getRuntime().halt(0);
    }
}
