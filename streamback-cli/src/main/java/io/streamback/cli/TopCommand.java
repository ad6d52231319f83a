package io.streamback.cli;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.streamback.cli.ExecutionErrors.CommandFailure;
import io.streamback.cli.ExecutionErrors.Failure;
import io.streamback.internal.StreamsConfig;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.redis.RedisSettings;
import io.streamback.internal.wire.FeedbackKeys;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code streamback top}: the consumer groups, their members and lag, and the feedback keys waiting in Redis, refreshed. */
@Command(name = "top",
        mixinStandardHelpOptions = true,
        description = {
            "Shows each consumer group's members and lag per topic, and the feedback keys waiting in Redis.",
            "It refreshes every --interval until Ctrl-C; on a terminal each view replaces the last. Lag is the"
                    + " records of a topic that the group has not committed yet (a partition without a commit counts"
                    + " from its beginning). A feedback key holds the replies a sender has not read yet; it expires"
                    + " a while after its last reply (300 s by default). It only reads: it joins no group."},
        footerHeading = "%nExamples:%n",
        footer = {ConnectionOptions.STREAMS_EXAMPLE,
            "  streamback top --streams \"$S\"",
            "  streamback top --streams \"$S\" --once --group greeter"})
final class TopCommand implements Callable<Integer> {
    /** Keys looked at, at most, to count the feedback keys: a count above it is shown as a bound. */
    private static final long MAX_SCANNED = 1_000_000;
    private static final String CLEAR = "\u001b[H\u001b[2J";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationParser.class,
            description = "How often to refresh. Default: ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = "--once", description = "Print one view and exit.")
    private boolean once;

    @Option(names = "--group", paramLabel = "GROUP", description = "Show only this consumer group; repeat it for more.")
    private List<String> groups = new ArrayList<>();

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** One topic of one group. */
    private record TopicLag(int partitions, long lag, int committed) {
    }

    /** One group as the view shows it. */
    private record GroupView(String name, String state, List<String> members, Map<String, TopicLag> topics) {
    }

    @Override
    public Integer call() throws InterruptedException {
        StreamsConfig streams = connection.parsed();
        if (!(streams.main() instanceof KafkaSettings kafka)) {
            throw new ParameterException(spec.commandLine(), "top reads Kafka and Redis: a memory:// stream lives"
                    + " inside one process, where no other process can see it");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = !once && System.console() != null;
        Thread hook = new Thread(stopRequested::countDown, "streamback-top-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Admin admin = admin(kafka); FeedbackKeyCounter feedback = FeedbackKeyCounter.of(streams, connection.connectTimeout)) {
            do {
                String view = view(kafka, admin, feedback);
                out.print(terminal ? CLEAR + view : view);
                out.flush();
                if (out.checkError()) {
                    break;
                }
            } while (!once && !stopRequested.await(interval.toMillis(), TimeUnit.MILLISECONDS) && (terminal || blank(out)));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
        return ExitCodes.OK;
    }

    /** Separates two views printed to a pipe or file; false when it was closed. */
    private static boolean blank(PrintWriter out) {
        out.println();
        return !out.checkError();
    }

    /** Stops a running {@link #call()}, as Ctrl-C would. */
    void stop() {
        stopRequested.countDown();
    }

    private Admin admin(KafkaSettings kafka) {
        Map<String, Object> props = new LinkedHashMap<>(kafka.clientProperties());
        props.putAll(kafka.properties());
        props.remove("max.block.ms");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamback-cli-top");
        props.put(AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG, ConnectionOptions.NO_METRIC_REPORTERS);
        long timeout = connection.connectTimeout.toMillis();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout, 1000)));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout, 1000)));
        return Admin.create(props);
    }

    private String view(KafkaSettings kafka, Admin admin, FeedbackKeyCounter feedback) {
        List<GroupView> views;
        try {
            views = groups(admin);
        } catch (TimeoutException e) {
            throw new CommandFailure(new Failure(ExitCodes.FAILURE, "no Kafka broker answered within "
                    + Stopwatch.duration(connection.connectTimeout) + "; none of the bootstrap servers "
                    + String.join(",", kafka.bootstrapServers()) + " could be reached: check that a broker runs"
                    + " there and that this host can reach it (main=kafka://host:port in the streams string)"));
        }
        StringBuilder text = new StringBuilder();
        text.append("streamback top: Kafka ").append(String.join(",", kafka.bootstrapServers()))
                .append(feedback.where().isEmpty() ? "" : ", Redis " + feedback.where())
                .append(", at ").append(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)))
                .append(once ? "" : " (every " + Stopwatch.duration(interval) + "; Ctrl-C to stop)").append('\n')
                .append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GROUP", "STATE", "MEMBERS", "TOPIC", "PARTITIONS", "LAG"});
        for (GroupView group : views) {
            boolean first = true;
            if (group.topics().isEmpty()) {
                rows.add(new String[] {group.name(), group.state(), Integer.toString(group.members().size()), "-", "-", "-"});
            }
            for (Map.Entry<String, TopicLag> topic : group.topics().entrySet()) {
                TopicLag lag = topic.getValue();
                rows.add(new String[] {first ? group.name() : "", first ? group.state() : "",
                    first ? Integer.toString(group.members().size()) : "", topic.getKey(),
                    Integer.toString(lag.partitions()), Long.toString(lag.lag())});
                first = false;
            }
        }
        if (views.isEmpty()) {
            text.append(groups.isEmpty() ? "no consumer groups\n" : "no consumer group named " + String.join(", ", groups) + "\n");
        } else {
            text.append(table(rows));
            text.append('\n').append("MEMBERS").append('\n');
            for (GroupView group : views) {
                for (String member : group.members()) {
                    text.append("  ").append(group.name()).append("  ").append(member).append('\n');
                }
                if (group.members().isEmpty()) {
                    text.append("  ").append(group.name()).append("  (none)").append('\n');
                }
            }
        }
        text.append('\n').append(feedback.describe()).append('\n');
        return text.toString();
    }

    private List<GroupView> groups(Admin admin) {
        Set<String> names = new TreeSet<>();
        for (GroupListing listing : get(admin.listGroups(org.apache.kafka.clients.admin.ListGroupsOptions.forConsumerGroups()).all())) {
            if (groups.isEmpty() || groups.contains(listing.groupId())) {
                names.add(listing.groupId());
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions = get(admin.describeConsumerGroups(names).all());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        for (String name : names) {
            Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(name).partitionsToOffsetAndMetadata());
            committed.put(name, offsets);
            partitions.addAll(offsets.keySet());
            for (MemberDescription member : descriptions.get(name).members()) {
                partitions.addAll(member.assignment().topicPartitions());
            }
        }
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> begins = offsets(admin, partitions, OffsetSpec.earliest());
        List<GroupView> views = new ArrayList<>();
        for (String name : names) {
            ConsumerGroupDescription description = descriptions.get(name);
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(name);
            Set<TopicPartition> mine = new java.util.HashSet<>(offsets.keySet());
            List<String> members = new ArrayList<>();
            for (MemberDescription member : description.members()) {
                mine.addAll(member.assignment().topicPartitions());
                List<String> assigned = new ArrayList<>();
                member.assignment().topicPartitions().stream()
                        .sorted((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                                : a.topic().compareTo(b.topic()))
                        .forEach(p -> assigned.add(p.topic() + "-" + p.partition()));
                members.add(member.clientId() + " on " + member.host().replaceFirst("^/", "") + ": "
                        + (assigned.isEmpty() ? "no partitions" : String.join(", ", assigned)));
            }
            Map<String, TopicLag> topics = new TreeMap<>();
            for (TopicPartition partition : mine) {
                Long end = ends.get(partition);
                OffsetAndMetadata commit = offsets.get(partition);
                long from = commit != null ? commit.offset() : begins.getOrDefault(partition, 0L);
                long lag = end == null ? 0 : Math.max(0, end - from);
                topics.merge(partition.topic(), new TopicLag(1, lag, commit == null ? 0 : 1),
                        (a, b) -> new TopicLag(a.partitions() + b.partitions(), a.lag() + b.lag(), a.committed() + b.committed()));
            }
            views.add(new GroupView(name, description.groupState().toString(), members, topics));
        }
        return views;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> entry : get(admin.listOffsets(request).all()).entrySet()) {
                offsets.put(entry.getKey(), entry.getValue().offset());
            }
        } catch (CommandFailure deleted) {
            // a topic deleted under a group: its lag shows as 0
        }
        return offsets;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(new Failure(ExitCodes.FAILURE, "interrupted"));
        } catch (ExecutionException e) {
            String message = String.valueOf(e.getCause().getMessage());
            if (e.getCause() instanceof TimeoutException || message.startsWith("Failed to find brokers")
                    || message.startsWith("Timed out waiting")) {
                throw new TimeoutException(message, e.getCause());
            }
            throw new CommandFailure(new Failure(ExitCodes.FAILURE, "Kafka refused: " + e.getCause().getMessage()));
        }
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i == 2 || i >= 4;
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Counts the feedback keys in Redis ({@code streamback_feedback_*}), or says why it cannot. */
    private abstract static class FeedbackKeyCounter implements AutoCloseable {
        private @Nullable String problem;

        static FeedbackKeyCounter of(StreamsConfig streams, Duration timeout) {
            if (streams.feedback() instanceof RedisSettings redis) {
                return redis.deployment() == RedisSettings.Deployment.CLUSTER ? new Cluster(redis, timeout)
                        : new Single(redis, timeout);
            }
            return new None(streams.feedback() == null ? "no feedback stream in the streams string"
                    : "the feedback stream is in memory: another process cannot see it");
        }

        abstract String where();

        /** Keys matching {@code streamback_feedback_*}, counted with SCAN. */
        abstract long count(long max);

        String describe() {
            try {
                long count = count(MAX_SCANNED);
                return "feedback keys waiting in Redis: " + (count >= MAX_SCANNED ? "at least " : "") + count
                        + " (" + FeedbackKeys.PREFIX + "*)";
            } catch (RuntimeException e) {
                problem = e.getMessage();
                return "feedback keys waiting in Redis: unknown (" + ExecutionErrors.line(String.valueOf(problem)) + ")";
            }
        }

        @Override
        public abstract void close();

        static long scan(RedisKeyCommands<String, String> keys, long max) {
            ScanArgs args = ScanArgs.Builder.matches(FeedbackKeys.PREFIX + "*").limit(1000);
            long count = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = keys.scan(cursor, args);
                count += page.getKeys().size();
                cursor = page;
            } while (!cursor.isFinished() && count < max);
            return count;
        }

        private static final class None extends FeedbackKeyCounter {
            private final String why;

            None(String why) {
                this.why = why;
            }

            @Override
            String where() {
                return "";
            }

            @Override
            long count(long max) {
                throw new IllegalStateException(why);
            }

            @Override
            public void close() {
            }
        }

        private static final class Single extends FeedbackKeyCounter {
            private final RedisSettings redis;
            private final RedisClient client;
            private @Nullable StatefulRedisConnection<String, String> connection;

            Single(RedisSettings redis, Duration timeout) {
                this.redis = redis;
                this.client = RedisClient.create(redis.toUri(timeout));
            }

            @Override
            String where() {
                return redis.nodes().get(0).toString();
            }

            @Override
            long count(long max) {
                if (connection == null || !connection.isOpen()) {
                    connection = client.connect();
                }
                return scan(connection.sync(), max);
            }

            @Override
            public void close() {
                if (connection != null) {
                    connection.close();
                }
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }

        private static final class Cluster extends FeedbackKeyCounter {
            private final RedisSettings redis;
            private final RedisClusterClient client;
            private @Nullable StatefulRedisClusterConnection<String, String> connection;

            Cluster(RedisSettings redis, Duration timeout) {
                this.redis = redis;
                this.client = RedisClusterClient.create(redis.clusterUris(timeout));
            }

            @Override
            String where() {
                return redis.nodes().get(0) + " (cluster)";
            }

            @Override
            long count(long max) {
                if (connection == null || !connection.isOpen()) {
                    connection = client.connect();
                }
                RedisAdvancedClusterCommands<String, String> commands = connection.sync();
                return scan(commands, max);
            }

            @Override
            public void close() {
                if (connection != null) {
                    connection.close();
                }
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }
    }
}
