package io.streamback.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.Locale;

/**
 * The attributes of Streamback's spans: OpenTelemetry's messaging semantic conventions where they
 * apply, {@code streamback.*} for the rest.
 */
final class SpanAttributes {
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<Boolean> DESTINATION_TEMPORARY = AttributeKey.booleanKey("messaging.destination.temporary");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> APPLICATION = AttributeKey.stringKey("streamback.application");
    static final AttributeKey<String> WORKER_GROUP = AttributeKey.stringKey("streamback.worker_group");
    static final AttributeKey<Boolean> EXPECTS_FEEDBACK = AttributeKey.booleanKey("streamback.expects_feedback");
    static final AttributeKey<String> DEADLINE = AttributeKey.stringKey("streamback.deadline");
    static final AttributeKey<String> SOURCE_GROUP = AttributeKey.stringKey("streamback.source_group");
    static final AttributeKey<Boolean> FIRST_REPLY = AttributeKey.booleanKey("streamback.reply.first");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("streamback.outcome");
    static final AttributeKey<String> LISTENER = AttributeKey.stringKey("streamback.listener");
    static final AttributeKey<Long> RETRY = AttributeKey.longKey("streamback.retry");
    static final AttributeKey<Long> RETRY_WAIT_MS = AttributeKey.longKey("streamback.retry.wait_ms");
    static final AttributeKey<String> DEAD_LETTER_TOPIC = AttributeKey.stringKey("streamback.dead_letter_topic");
    static final AttributeKey<Long> TIMEOUT_MS = AttributeKey.longKey("streamback.timeout_ms");

    static final String KAFKA = "kafka";
    static final String REDIS = "redis";

    private SpanAttributes() {
    }

    /**
     * The type of a remote error text such as {@code ValueError('bad order')}: what comes before
     * its first parenthesis, or the whole text (at most 64 characters) when it has none.
     */
    static String errorType(String error) {
        int open = error.indexOf('(');
        String type = (open > 0 ? error.substring(0, open) : error).strip();
        return type.isEmpty() ? "error" : type.length() > 64 ? type.substring(0, 64) : type;
    }

    /** An outcome or similar constant as an attribute value: {@code GIVEN_UP} becomes {@code given_up}. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
