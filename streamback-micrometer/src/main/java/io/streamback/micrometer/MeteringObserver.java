package io.streamback.micrometer;

import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamback.ListenerInfo;
import io.streamback.ext.ConsumedRecord;
import io.streamback.ext.ObservedInstance;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.ext.StreambackObserver;
import io.streamback.internal.kafka.KafkaClientInstrumentation;
import io.streamback.internal.redis.RedisClientInstrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The meters of {@link StreambackMetrics}; also the core's client instrumentation, which binds the
 * Kafka clients' and Lettuce's metrics when the builder asked for them.
 */
final class MeteringObserver implements StreambackObserver, KafkaClientInstrumentation, RedisClientInstrumentation {
    private static final AutoCloseable NOTHING = () -> { };

    private final MeterRegistry registry;
    private final Tags tags;
    private final Meters meters;
    private final boolean kafkaClientMetrics;
    private final boolean lettuceMetrics;
    /** The gauges of each instance, removed when it closes. */
    private final Map<ObservedInstance, List<Meter>> gauges = new ConcurrentHashMap<>();

    MeteringObserver(MeterRegistry registry, Tags tags, boolean kafkaClientMetrics, boolean lettuceMetrics) {
        this.registry = registry;
        this.tags = tags;
        this.meters = new Meters(registry, tags);
        this.kafkaClientMetrics = kafkaClientMetrics;
        this.lettuceMetrics = lettuceMetrics;
    }

    @Override
    public void onAttach(ObservedInstance instance) {
        Tags application = tags.and("application", instance.name());
        List<Meter> registered = gauges.computeIfAbsent(instance, i -> new ArrayList<>());
        synchronized (registered) {
            registered.add(Gauge.builder("streamback.rpc.reads.waiting", instance, ObservedInstance::readsWaiting)
                    .tags(application).description("reads waiting for a reply").strongReference(true)
                    .register(registry));
            registered.add(Gauge.builder("streamback.feedback.writes.outstanding", instance,
                    ObservedInstance::writesOutstanding).tags(application)
                    .description("replies and end markers on their way to Redis").strongReference(true)
                    .register(registry));
        }
    }

    @Override
    public void onStart(ObservedInstance instance) {
        List<Meter> registered = gauges.computeIfAbsent(instance, i -> new ArrayList<>());
        synchronized (registered) {
            for (String workerGroup : instance.workerGroups()) {
                Tags group = tags.and("application", instance.name(), "group", instance.consumerGroup(),
                        "worker.group", workerGroup);
                registered.add(Gauge.builder("streamback.workers", instance, i -> i.workers(workerGroup))
                        .tags(group).description("live workers of the worker group").strongReference(true)
                        .register(registry));
                registered.add(Gauge.builder("streamback.lag", instance, i -> i.lag(workerGroup))
                        .tags(group).description("records the worker group has not handled yet")
                        .strongReference(true).register(registry));
            }
        }
    }

    @Override
    public void onClose(ObservedInstance instance) {
        List<Meter> registered = gauges.remove(instance);
        if (registered != null) {
            synchronized (registered) {
                registered.forEach(registry::remove);
            }
        }
    }

    @Override
    public RequestObserver onRequest(RequestInfo request) {
        return new Request(request.application(), request.topic());
    }

    @Override
    public RecordObserver onRecord(ConsumedRecord record) {
        return new Record(record.application(), record.consumerGroup(), record.topic());
    }

    @Override
    public AutoCloseable producerCreated(String application, Producer<?, ?> producer) {
        return kafkaClientMetrics ? bound(new KafkaClientMetrics(producer, clientTags(application))) : NOTHING;
    }

    @Override
    public AutoCloseable consumerCreated(String application, Consumer<?, ?> consumer, String clientId) {
        return kafkaClientMetrics ? bound(new KafkaClientMetrics(consumer, clientTags(application))) : NOTHING;
    }

    @Override
    public AutoCloseable adminCreated(String application, Admin admin) {
        return kafkaClientMetrics && admin instanceof AdminClient client
                ? bound(new KafkaClientMetrics(client, clientTags(application))) : NOTHING;
    }

    @Override
    public void customize(String application, ClientResources.Builder resources) {
        if (lettuceMetrics) {
            resources.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry,
                    MicrometerOptions.builder().enable().tags(clientTags(application)).build()));
        }
    }

    private Tags clientTags(String application) {
        return tags.and("application", application);
    }

    private AutoCloseable bound(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        return metrics;
    }

    @Override
    public String toString() {
        return "StreambackMetrics{registry=" + registry.getClass().getSimpleName() + ", kafkaClientMetrics="
                + kafkaClientMetrics + ", lettuceMetrics=" + lettuceMetrics + "}";
    }

    /** One request's meters. */
    private final class Request implements RequestObserver {
        private final String application;
        private final String topic;

        Request(String application, String topic) {
            this.application = application;
            this.topic = topic;
        }

        @Override
        public void sent() {
            meters.count("streamback.requests", "application", application, "topic", topic, "result", "sent");
        }

        @Override
        public void notSent(Throwable error) {
            meters.count("streamback.requests", "application", application, "topic", topic, "result", "not_sent");
        }

        @Override
        public void reply(String group, Duration sinceSend, boolean first) {
            meters.count("streamback.rpc.replies", "application", application, "topic", topic, "group", group);
            if (first) {
                meters.time("streamback.rpc.first.reply", sinceSend, "application", application, "topic", topic,
                        "group", group);
            }
        }

        @Override
        public void ended(String group, Duration sinceSend) {
            end(group, sinceSend, "ok");
        }

        @Override
        public void remoteError(String group, String error, Duration sinceSend) {
            meters.count("streamback.rpc.remote.errors", "application", application, "topic", topic, "group", group);
            end(group, sinceSend, "error");
        }

        @Override
        public void deadlineExpired(String group, Duration sinceSend) {
            meters.count("streamback.rpc.expired", "application", application, "topic", topic, "group", group);
            end(group, sinceSend, "expired");
        }

        private void end(String group, Duration sinceSend, String result) {
            meters.time("streamback.rpc.end", sinceSend, "application", application, "topic", topic, "group", group,
                    "result", result);
        }

        @Override
        public void timedOut(Duration timeout) {
            meters.count("streamback.rpc.timeouts", "application", application, "topic", topic);
        }
    }

    /** One record's meters. */
    private final class Record implements RecordObserver {
        private final String application;
        private final String group;
        private final String topic;

        Record(String application, String group, String topic) {
            this.application = application;
            this.group = group;
            this.topic = topic;
        }

        @Override
        public void listenerSucceeded(ListenerInfo listener, Duration took) {
            call(listener, took, "success");
        }

        @Override
        public void listenerRetrying(ListenerInfo listener, Duration took, Throwable error, int retry, Duration wait) {
            call(listener, took, "retry");
            meters.count("streamback.listener.retries", "application", application, "group", group, "topic", topic,
                    "listener", listener.name());
        }

        @Override
        public void listenerFailed(ListenerInfo listener, Duration took, Throwable error) {
            call(listener, took, "failure");
        }

        private void call(ListenerInfo listener, Duration took, String result) {
            meters.time("streamback.listener.duration", took, "application", application, "group", group, "topic",
                    topic, "listener", listener.name(), "result", result);
        }

        @Override
        public void deadLettered(ListenerInfo listener, String deadLetterTopic) {
            meters.count("streamback.records.dead.lettered", "application", application, "group", group, "topic",
                    topic, "listener", listener.name());
        }

        @Override
        public void finished(RecordOutcome outcome, Duration took) {
            meters.count("streamback.records.processed", "application", application, "group", group, "topic", topic);
            switch (outcome) {
                case FAILED -> meters.count("streamback.records.failed", "application", application, "group", group,
                        "topic", topic);
                case GIVEN_UP -> meters.count("streamback.records.given.up", "application", application, "group",
                        group, "topic", topic);
                case EXPIRED -> meters.count("streamback.records.expired", "application", application, "group", group,
                        "topic", topic);
                case HANDLED -> { }
            }
        }
    }
}
