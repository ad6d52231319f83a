package io.streamback.internal;

import io.streamback.ListenerInfo;
import io.streamback.ext.ConsumedRecord;
import io.streamback.ext.ObservedInstance;
import io.streamback.ext.RecordObserver;
import io.streamback.ext.RecordOutcome;
import io.streamback.ext.RequestInfo;
import io.streamback.ext.RequestObserver;
import io.streamback.ext.StreambackObserver;
import io.streamback.internal.text.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one instance, called as one: each in the order registered, an exception of one
 * logged and ignored. With none registered, requests and records get {@link RequestObserver#NONE}
 * (records: only the built-in observer), so nothing is called.
 */
public final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<StreambackObserver> observers;

    /** The observers {@code observers} in the order given. */
    public Observers(List<StreambackObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /** Whether any observer is registered. */
    public boolean any() {
        return !observers.isEmpty();
    }

    void attach(ObservedInstance instance) {
        each("onAttach", observer -> observer.onAttach(instance));
    }

    void start(ObservedInstance instance) {
        each("onStart", observer -> observer.onStart(instance));
    }

    void close(ObservedInstance instance) {
        each("onClose", observer -> observer.onClose(instance));
    }

    /** What follows {@code request}: every observer's, as one. */
    RequestObserver request(RequestInfo request) {
        if (observers.isEmpty()) {
            return RequestObserver.NONE;
        }
        List<RequestObserver> each = new ArrayList<>(observers.size());
        for (StreambackObserver observer : observers) {
            try {
                RequestObserver one = observer.onRequest(request);
                if (one != null && one != RequestObserver.NONE) {
                    each.add(one);
                }
            } catch (RuntimeException e) {
                failed(observer, "onRequest", e);
            }
        }
        return each.isEmpty() ? RequestObserver.NONE : new Requests(each);
    }

    /** What follows {@code record}: {@code builtIn} (the worker's own counters), then every observer's, as one. */
    RecordObserver record(RecordObserver builtIn, @Nullable ConsumedRecord record) {
        if (observers.isEmpty() || record == null) {
            return builtIn;
        }
        List<RecordObserver> each = new ArrayList<>(observers.size() + 1);
        each.add(builtIn);
        for (StreambackObserver observer : observers) {
            try {
                RecordObserver one = observer.onRecord(record);
                if (one != null && one != RecordObserver.NONE) {
                    each.add(one);
                }
            } catch (RuntimeException e) {
                failed(observer, "onRecord", e);
            }
        }
        return each.size() == 1 ? builtIn : new Records(each);
    }

    private void each(String hook, Consumer<StreambackObserver> call) {
        for (StreambackObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                failed(observer, hook, e);
            }
        }
    }

    private static void failed(Object observer, String hook, RuntimeException e) {
        LOG.warn("event=observer_failed observer={} hook={} error={}", observer.getClass().getName(), hook,
                LogText.of(e));
    }

    @Override
    public String toString() {
        return observers.toString();
    }

    /** Several request observers as one. */
    private static final class Requests implements RequestObserver {
        private final List<RequestObserver> each;

        Requests(List<RequestObserver> each) {
            this.each = each;
        }

        private void all(String hook, Consumer<RequestObserver> call) {
            for (RequestObserver observer : each) {
                try {
                    call.accept(observer);
                } catch (RuntimeException e) {
                    failed(observer, hook, e);
                }
            }
        }

        @Override
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            all("headers", observer -> headers.putAll(observer.headers()));
            return headers;
        }

        @Override
        public void sent() {
            all("sent", RequestObserver::sent);
        }

        @Override
        public void notSent(Throwable error) {
            all("notSent", observer -> observer.notSent(error));
        }

        @Override
        public void reply(String group, Duration sinceSend, boolean first, Map<String, String> fields) {
            all("reply", observer -> observer.reply(group, sinceSend, first, fields));
        }

        @Override
        public void ended(String group, Duration sinceSend, Map<String, String> fields) {
            all("ended", observer -> observer.ended(group, sinceSend, fields));
        }

        @Override
        public void remoteError(String group, String error, Duration sinceSend, Map<String, String> fields) {
            all("remoteError", observer -> observer.remoteError(group, error, sinceSend, fields));
        }

        @Override
        public void deadlineExpired(String group, Duration sinceSend, Map<String, String> fields) {
            all("deadlineExpired", observer -> observer.deadlineExpired(group, sinceSend, fields));
        }

        @Override
        public void timedOut(Duration timeout) {
            all("timedOut", observer -> observer.timedOut(timeout));
        }
    }

    /** Several record observers as one. */
    private static final class Records implements RecordObserver {
        private final List<RecordObserver> each;

        Records(List<RecordObserver> each) {
            this.each = each;
        }

        private void all(String hook, Consumer<RecordObserver> call) {
            for (RecordObserver observer : each) {
                try {
                    call.accept(observer);
                } catch (RuntimeException e) {
                    failed(observer, hook, e);
                }
            }
        }

        /** Every observer's fields, a later one's winning; no map is made while none adds any (metrics alone). */
        @Override
        public Map<String, String> feedbackFields() {
            Map<String, String> fields = Map.of();
            for (RecordObserver observer : each) {
                try {
                    Map<String, String> one = observer.feedbackFields();
                    if (!one.isEmpty()) {
                        if (fields.isEmpty()) {
                            fields = new LinkedHashMap<>();
                        }
                        fields.putAll(one);
                    }
                } catch (RuntimeException e) {
                    failed(observer, "feedbackFields", e);
                }
            }
            return fields;
        }

        @Override
        public void beforeListener(ListenerInfo listener) {
            all("beforeListener", observer -> observer.beforeListener(listener));
        }

        @Override
        public void afterListener(ListenerInfo listener, @Nullable Throwable error) {
            all("afterListener", observer -> observer.afterListener(listener, error));
        }

        @Override
        public void listenerSucceeded(ListenerInfo listener, Duration took) {
            all("listenerSucceeded", observer -> observer.listenerSucceeded(listener, took));
        }

        @Override
        public void listenerRetrying(ListenerInfo listener, Duration took, Throwable error, int retry, Duration wait) {
            all("listenerRetrying", observer -> observer.listenerRetrying(listener, took, error, retry, wait));
        }

        @Override
        public void listenerFailed(ListenerInfo listener, Duration took, Throwable error) {
            all("listenerFailed", observer -> observer.listenerFailed(listener, took, error));
        }

        @Override
        public void deadLettered(ListenerInfo listener, String deadLetterTopic) {
            all("deadLettered", observer -> observer.deadLettered(listener, deadLetterTopic));
        }

        @Override
        public void finished(RecordOutcome outcome, Duration took) {
            all("finished", observer -> observer.finished(outcome, took));
        }
    }
}
