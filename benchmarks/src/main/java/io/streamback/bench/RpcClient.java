package io.streamback.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One request/reply contender of rows 1 and 2: it owns its topics, its answering side and its caller. */
interface RpcClient extends AutoCloseable {
    /** Sends request {@code i}; the future completes with the reply. */
    CompletableFuture<?> call(int i);

    /** Sends request {@code i} and blocks until the reply arrived. */
    default void callSync(int i) throws Exception {
        call(i).get(10, TimeUnit.SECONDS);
    }

    /** The request payload, a small JSON object, for the contenders that send text. */
    static String payload(int i) {
        return "{\"i\":" + i + "}";
    }

    @Override
    void close();
}
