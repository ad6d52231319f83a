package io.streamback.examples;

import io.streamback.Context;
import io.streamback.Listener;
import io.streamback.Message;
import io.streamback.Streamback;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener written as a class, with state of its own. */
public final class ClassBasedConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ClassBasedConsumer.class);

    /** Buffers log entries and writes them 100 at a time; every worker creates its own instance. */
    public static final class LogsConsumer extends Listener {
        private final List<Object> logs = new ArrayList<>();

        @Override
        public void consume(Context context, Message message) {
            logs.add(message.value());
            if (logs.size() > 100) {
                flush();
            }
        }

        @Override
        public void flush() {   // also called when the worker stops
            databaseCommit(logs);
            logs.clear();
        }
    }

    private ClassBasedConsumer() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("new_log", LogsConsumer::new);

        streamback.start();
    }

    static void databaseCommit(List<Object> logs) {
        LOG.info("committing {} log entries", logs.size());
    }
}
