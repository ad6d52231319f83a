package io.streamback.bench;

import io.streamback.internal.wire.FeedbackEntry;
import io.streamback.internal.wire.MainEnvelope;
import io.streamback.internal.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the hand-written floors send and answer. */
enum FloorFormat {
    /** {@code key\npayload}, answered with the payload: the transport and nothing else. */
    RAW {
        @Override
        String request(String key, int i) {
            return key + "\n" + RpcClient.payload(i);
        }

        @Override
        String[] answer(String request) {
            int newline = request.indexOf('\n');
            return new String[] {request.substring(0, newline), request.substring(newline + 1)};
        }

        @Override
        Object reply(String entry) {
            return entry;
        }
    },

    /**
     * Python streamback's wire format, the work any client of the protocol must do: the request is
     * the JSON envelope, answered with a JSON reply entry and an end marker in one {@code LPUSH};
     * the caller decodes the reply entry. Encoded with the library's codec, so the bytes are the same.
     */
    PYTHON {
        @Override
        String request(String key, int i) {
            return new String(WireCodec.encode(MainEnvelope.message(Map.of("i", i), key, GROUP)), StandardCharsets.UTF_8);
        }

        @Override
        String[] answer(String request) {
            MainEnvelope message = WireCodec.decodeMessage(request.getBytes(StandardCharsets.UTF_8));
            return new String[] {message.feedbackTopic(),
                WireCodec.encode(FeedbackEntry.response(message.value(), GROUP)),
                WireCodec.encode(FeedbackEntry.end(null, GROUP))};
        }

        @Override
        Object reply(String entry) {
            return WireCodec.decodeFeedback(entry).value();
        }
    };

    private static final String GROUP = "bench_floor";

    /** The record value of request {@code i}, to be answered on {@code key}. */
    abstract String request(String key, int i);

    /** The key to answer {@code request} on, then the entries to push, oldest first. */
    abstract String[] answer(String request);

    /** The reply that list entry {@code entry} holds. */
    abstract Object reply(String entry);
}
