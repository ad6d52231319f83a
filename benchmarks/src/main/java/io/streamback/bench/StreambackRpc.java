package io.streamback.bench;

import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Streamback with its defaults: an answering app ({@code listen} + {@code startInBackground},
 * replying with the request's value) and a caller app ({@code send(...).read(...)} or
 * {@code readAsync(...)}).
 */
final class StreambackRpc implements RpcClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final Streamback app;
    private final Streamback caller;

    StreambackRpc(Infra infra, int partitions) {
        this(infra, partitions, null);
    }

    StreambackRpc(Infra infra, int partitions, String groupProtocol) {
        this.topic = infra.topic("sb_rpc", partitions);
        var builder = Streamback.builder(infra.unique("bench_app")).streams(infra.streams());
        if (groupProtocol != null) {
            builder.kafkaProperty("group.protocol", groupProtocol);
        }
        this.app = builder.build();
        app.listen(topic, (context, message) -> message.respond(message.value()));
        app.startInBackground();
        this.caller = Streamback.create(infra.unique("bench_caller"), infra.streams());
    }

    @Override
    public CompletableFuture<?> call(int i) {
        return caller.send(topic, Map.of("i", i)).readAsync(TIMEOUT);
    }

    @Override
    public void callSync(int i) {
        Object reply = caller.send(topic, Map.of("i", i)).read(TIMEOUT);
        if (reply == null) {
            throw new IllegalStateException("end marker instead of a reply to request " + i);
        }
    }

    @Override
    public void close() {
        caller.close();
        app.close();
    }
}
