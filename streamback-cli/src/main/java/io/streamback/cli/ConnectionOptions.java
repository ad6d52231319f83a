package io.streamback.cli;

import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import io.streamback.internal.StreamsConfig;
import io.streamback.internal.StreamsParser;
import io.streamback.internal.text.Secrets;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every command that connects takes: the streams string, the application's name, the connect timeout. */
final class ConnectionOptions {
    /** The first example line of every command that connects: what {@code $S} stands for. */
    static final String STREAMS_EXAMPLE = "  S='main=kafka://127.0.0.1:9092&feedback=redis://127.0.0.1:6379'";

    /** The name of an application that gives none. */
    static final String DEFAULT_NAME = "streamback-cli";

    @Option(names = "--streams", required = true, paramLabel = "STREAMS",
            description = "Where the streams are: Kafka for the messages, Redis for the replies, as in the"
                    + " examples below ('streamback dev' prints one for servers it runs itself).")
    String streams;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = DEFAULT_NAME,
            description = "The application's name: the source_group of what it sends; for listen --echo and"
                    + " --respond, the consumer group it joins. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationParser.class,
            description = "How long to wait for a Kafka broker to answer before giving up, naming the servers."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    /**
     * The Kafka clients' metrics are not published as JMX MBeans: a command that lives a second
     * has no one to read them, and registering them is a good part of a client's start.
     */
    static final String NO_METRIC_REPORTERS = "";

    /** A builder for an application named {@code --name} on {@code --streams}. */
    StreambackBuilder builder() {
        return configured(Streamback.builder(name).streams(streams));
    }

    private StreambackBuilder configured(StreambackBuilder builder) {
        return builder.sendBlockTimeout(connectTimeout).objectMapper(JsonLines.MAPPER)
                .kafkaProperty("metric.reporters", NO_METRIC_REPORTERS);
    }

    /**
     * A builder like {@link #builder()} on the main stream only: for a one-way send, which reads no
     * replies, so that no Redis client is made or connected.
     */
    StreambackBuilder builderWithoutFeedback() {
        StringBuilder mainOnly = new StringBuilder();
        for (String part : Secrets.parts(streams.trim())) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals("feedback")) {
                continue;
            }
            mainOnly.append(mainOnly.length() == 0 ? "" : "&").append(part);
        }
        parsed(); // an invalid feedback part is still reported
        return configured(Streamback.builder(name).streams(mainOnly.toString()));
    }

    /**
     * A builder like {@link #builder()} whose Redis reads, unless the streams string chooses, wait
     * with BRPOP ({@code ?reads=blocking}): for a command that reads a few replies and exits, one
     * blocking connection starts faster than keyspace notifications (a second connection and a
     * CONFIG round trip), about a third of a second here.
     */
    StreambackBuilder builderForReads() {
        parsed(); // errors name the streams string as given
        return configured(Streamback.builder(name).streams(withBlockingReads(streams)));
    }

    /** {@code streams} with {@code ?reads=blocking} on a Redis or Sentinel feedback stream that sets no reads. */
    static String withBlockingReads(String streams) {
        StringBuilder out = new StringBuilder();
        for (String part : Secrets.parts(streams.trim())) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals("feedback")) {
                part = part.substring(0, eq + 1) + blockingReads(part.substring(eq + 1).trim());
            }
            out.append(out.length() == 0 ? "" : "&").append(part);
        }
        return out.toString();
    }

    private static String blockingReads(String address) {
        if (!address.matches("(?s)rediss?(-sentinel)?://.*")) {
            return address; // a cluster cannot BRPOP over keys of several slots; memory:// has no Redis
        }
        int tailStart = Math.max(address.lastIndexOf('@') + 1, address.indexOf("://") + 3);
        String tail = address.substring(tailStart);
        if (tail.contains("?")) {
            return address;
        }
        int hash = tail.indexOf('#');
        String withReads = hash < 0 ? tail + "?reads=blocking" : tail.substring(0, hash) + "?reads=blocking" + tail.substring(hash);
        return address.substring(0, tailStart) + withReads;
    }

    /** The streams string, parsed. */
    StreamsConfig parsed() {
        return StreamsParser.parse(streams);
    }
}
