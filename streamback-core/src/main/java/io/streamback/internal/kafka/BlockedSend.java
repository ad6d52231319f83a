package io.streamback.internal.kafka;

import io.streamback.NotSentException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Explains a send that gave up waiting in the caller's thread ({@code max.block.ms}): for the
 * topic's metadata, or for room in the producer's buffer. kafka-clients says only "Topic X not
 * present in metadata after N ms", which reads the same whether no broker answered or the topic
 * does not exist; the producer's connection metrics tell the two apart.
 */
final class BlockedSend {
    private static final String METRICS_GROUP = "producer-metrics";

    private BlockedSend() {
    }

    /**
     * The error for {@code timeout}, thrown while {@code send} waited.
     *
     * @param servers the bootstrap servers, {@code host:port} (they carry no credentials)
     * @param maxBlockMs the {@code max.block.ms} in force
     */
    static NotSentException explain(String topic, TimeoutException timeout, List<String> servers,
            String maxBlockMs, Map<MetricName, ? extends Metric> metrics) {
        return explain(topic, timeout, servers, maxBlockMs, metric(metrics, "connection-count"),
                metric(metrics, "response-total"));
    }

    /**
     * @param connections the producer's open broker connections now
     * @param responses the responses it ever had from a broker
     */
    static NotSentException explain(String topic, TimeoutException timeout, List<String> servers,
            String maxBlockMs, double connections, double responses) {
        String bootstrap = String.join(",", servers);
        String bound = maxBlockMs + " ms (sendBlockTimeout, kafka-clients max.block.ms)";
        String message;
        if (timeout instanceof BufferExhaustedException) {
            message = "cannot send to topic " + topic + ": the producer's buffer (buffer.memory) stayed full for " + bound
                    + ", records are sent faster than the brokers at " + bootstrap + " take them; send less at once,"
                    + " raise buffer.memory, or check that the brokers are up and keep up";
        } else if (connections > 0) {
            message = "cannot send to topic " + topic + ": the Kafka brokers at " + bootstrap + " answered, but topic "
                    + topic + " does not exist and was not created within " + bound + "; create it, or let the brokers"
                    + " create it (auto.create.topics.enable=true), and check the topic's name, the topics prefix"
                    + " and that this client may describe it (ACLs)";
        } else if (responses > 0) {
            message = "cannot send to topic " + topic + ": no Kafka broker answered within " + bound + "; the bootstrap"
                    + " servers " + bootstrap + " answered before but no broker is connected now: check that the"
                    + " brokers are up and that the addresses they advertise (advertised.listeners) are reachable"
                    + " from this host";
        } else {
            message = "cannot send to topic " + topic + ": no Kafka broker answered within " + bound + "; none of the"
                    + " bootstrap servers " + bootstrap + " could be reached: check that a broker runs there, that"
                    + " this host can reach it (main=kafka://host:port in the streams string) and that it listens"
                    + " with the security protocol this client uses (security.protocol)";
        }
        return new NotSentException(message, timeout);
    }

    /** A producer metric, or 0 when kafka-clients has none of that name. */
    private static double metric(Map<MetricName, ? extends Metric> metrics, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName key = entry.getKey();
            if (key.name().equals(name) && key.group().equals(METRICS_GROUP)
                    && entry.getValue().metricValue() instanceof Number value) {
                return value.doubleValue();
            }
        }
        return 0;
    }
}
