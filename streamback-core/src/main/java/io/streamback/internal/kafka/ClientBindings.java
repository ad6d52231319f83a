package io.streamback.internal.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bindings of one Kafka client to the {@link KafkaClientInstrumentation}s: made when the client
 * is created, closed just before it is; a binding that fails is logged and the client runs on.
 */
final class ClientBindings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientBindings.class);

    private final List<AutoCloseable> handles;

    private ClientBindings(List<AutoCloseable> handles) {
        this.handles = handles;
    }

    /** Binds one client, made known to each instrumentation by {@code bind}. */
    static ClientBindings bind(List<KafkaClientInstrumentation> instrumentations,
            Function<KafkaClientInstrumentation, AutoCloseable> bind) {
        List<AutoCloseable> handles = new ArrayList<>(instrumentations.size());
        for (KafkaClientInstrumentation instrumentation : instrumentations) {
            try {
                handles.add(bind.apply(instrumentation));
            } catch (RuntimeException e) {
                LOG.warn("event=client_instrumentation_failed instrumentation={} error=\"{}\"",
                        instrumentation.getClass().getName(), e.toString());
            }
        }
        return new ClientBindings(handles);
    }

    @Override
    public void close() {
        for (AutoCloseable handle : handles) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.warn("event=client_instrumentation_close_failed error=\"{}\"", e.toString());
            }
        }
    }
}
