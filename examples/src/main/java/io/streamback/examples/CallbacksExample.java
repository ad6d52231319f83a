package io.streamback.examples;

import io.streamback.Callback;
import io.streamback.Context;
import io.streamback.ListenerInfo;
import io.streamback.Message;
import io.streamback.Streamback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hooks into the life of each message: begin, end, exception, and worker start. */
public final class CallbacksExample {
    private static final Logger LOG = LoggerFactory.getLogger(CallbacksExample.class);

    /** Every method of {@link Callback} does nothing by default: override only what you need. */
    public static final class StreambackCallbacks implements Callback {
        @Override
        public void onConsumeBegin(Streamback streamback, ListenerInfo listener, Context context, Message message) {
            LOG.info("on_consume_begin: {}", message.value());
        }

        @Override
        public void onConsumeEnd(Streamback streamback, ListenerInfo listener, Context context, Message message,
                Throwable exception) {
            LOG.info("on_consume_end: {} {}", message.value(), exception);
        }

        @Override
        public void onConsumeException(Streamback streamback, ListenerInfo listener, Context context,
                Message message, Throwable exception) {
            LOG.info("on_consume_exception: {}", exception.getClass().getName());
        }

        @Override
        public void onWorkerStart(Streamback streamback) {   // Python's on_fork
            LOG.info("on_worker_start");
        }
    }

    private CallbacksExample() {
    }

    /** Listens until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379")
                .addCallback(new StreambackCallbacks());

        streamback.listen("test_hello", (context, message) -> {
            throw new IllegalStateException("boom");   // the sender's read() throws FeedbackException
        });

        streamback.start();
    }
}
