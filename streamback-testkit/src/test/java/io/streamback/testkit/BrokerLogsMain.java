package io.streamback.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link BrokerLogsIT}, with no logging configuration of its own: starts a
 * broker, makes it create a topic, logs one line as the library would, and stops.
 */
public final class BrokerLogsMain {
    private BrokerLogsMain() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("logs-topic", Optional.empty(), Optional.empty()))).all().get();
            LoggerFactory.getLogger("io.streamback.example").info("the library's line");
        }
        System.exit(0);
    }
}
