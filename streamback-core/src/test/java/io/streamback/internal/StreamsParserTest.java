package io.streamback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamback.InvalidStreamsException;
import io.streamback.internal.kafka.KafkaSettings;
import io.streamback.internal.redis.RedisSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamsParserTest {

    @Test
    void parsesThePythonForm() {
        StreamsConfig config = StreamsParser.parse("main=kafka://kafka:9092&feedback=redis://redis:6379");

        assertThat(config.main()).isEqualTo(new KafkaSettings(List.of("kafka:9092"), null, null, java.util.Map.of()));
        assertThat(config.feedback()).isEqualTo(new RedisSettings("redis", 6379, null, null, 0, false));
        assertThat(config.topicsPrefix()).isNull();
        assertThat(config.group()).isNull();
    }

    @Test
    void parsesSeveralBrokersPrefixAndGroup() {
        StreamsConfig config = StreamsParser.parse(
                "main=kafka://k1:9092,k2:9093&feedback=redis://redis:6379&topics_prefix=dev&group=workers");

        assertThat(((KafkaSettings) config.main()).bootstrapServers()).containsExactly("k1:9092", "k2:9093");
        assertThat(config.topicsPrefix()).isEqualTo("dev");
        assertThat(config.group()).isEqualTo("workers");
    }

    @Test
    void parsesPythonSaslForm() {
        KafkaSettings kafka = (KafkaSettings) StreamsParser.parse("main=kafka://user@1234:kafka:9092").main();

        assertThat(kafka.username()).isEqualTo("user");
        assertThat(kafka.password()).isEqualTo("1234");
        assertThat(kafka.bootstrapServers()).containsExactly("kafka:9092");
        assertThat(kafka.toString()).doesNotContain("1234");
    }

    @Test
    void parsesRedisUserPasswordDatabaseAndTls() {
        RedisSettings redis = (RedisSettings) StreamsParser
                .parse("main=memory://&feedback=rediss://app:s3cret@cache.internal:6380/2").feedback();

        assertThat(redis).isEqualTo(new RedisSettings("cache.internal", 6380, "app", "s3cret", 2, true));
        assertThat(redis.toString()).doesNotContain("s3cret");
        RedisSettings passwordOnly = (RedisSettings) StreamsParser
                .parse("main=memory://&feedback=redis://:pw@redis_1").feedback();
        assertThat(passwordOnly).isEqualTo(new RedisSettings("redis_1", 6379, null, "pw", 0, false));
    }

    @Test
    void memoryStreamsAreNamed() {
        StreamsConfig config = StreamsParser.parse("main=memory://&feedback=memory://tests");

        assertThat(config.main()).isEqualTo(new StreamsConfig.Memory("default"));
        assertThat(config.feedback()).isEqualTo(new StreamsConfig.Memory("tests"));
    }

    /** A password with {@code :}, {@code @}, {@code &}, {@code /}, a space, unicode or {@code %} is read whole. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "kafka://user@p:ss:k1:9092                    | user   | p:ss         | k1:9092",
        "kafka://user@p@ss:k1:9092,k2:9093            | user   | p@ss         | k1:9092,k2:9093",
        "kafka://user@p&ss:k1:9092                    | user   | p&ss         | k1:9092",
        "kafka://user@p/ss:k1:9092                    | user   | p/ss         | k1:9092",
        "`kafka://user@p ss:k1:9092`                  | user   | `p ss`       | k1:9092",
        "kafka://user@p,ss:k1:9092                    | user   | p,ss         | k1:9092",
        "kafka://user@a:b:1:k1:9092                   | user   | a:b:1        | k1:9092",
        "kafka://us/er@pw:k1:9092                     | us/er  | pw           | k1:9092",
        "kafka://us%40er@p%3As%40s%26%25:k1:9092      | us@er  | p:s@s&%      | k1:9092",
        "kafka://user@100%:k1:9092                    | user   | 100%         | k1:9092",
        "kafka://user@%e2%82%ac%zz:k1:9092            | user   | €%zz         | k1:9092",
        "kafka://user@Pässwörd🔑:k1:9092               | user   | Pässwörd🔑    | k1:9092",
        "kafka://user@pw:[::1]:9092                   | user   | pw           | [::1]:9092",
    })
    void kafkaPasswordsAreReadWhole(String main, String user, String password, String servers) {
        KafkaSettings kafka = (KafkaSettings) StreamsParser.parse("main=" + main).main();

        assertThat(kafka.username()).isEqualTo(user);
        assertThat(kafka.password()).isEqualTo(password);
        assertThat(kafka.bootstrapServers()).containsExactly(servers.split(","));
        assertThat(kafka.toString()).doesNotContain(password);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "redis://app:p:ss@r:1                         | app    | p:ss",
        "redis://app:p@ss@r:1                         | app    | p@ss",
        "redis://app:p&ss@r:1                         | app    | p&ss",
        "redis://app:p/s?s#s@r:1                      | app    | p/s?s#s",
        "`redis://:p ss@r:1`                          |        | `p ss`",
        "redis://a%3Ab:p%25%40s+s@r:1                 | a:b    | p%@s+s",
        "redis://:Pässwörd🔑@r:1                       |        | Pässwörd🔑",
        "redis://pw@r:1                               |        | pw",
    })
    void redisPasswordsAreReadWhole(String feedback, String user, String password) {
        RedisSettings redis = (RedisSettings) StreamsParser.parse("main=memory://&feedback=" + feedback).feedback();

        assertThat(redis.username()).isEqualTo(user);
        assertThat(redis.password()).isEqualTo(password);
        assertThat(redis.nodes()).containsExactly(new RedisSettings.Node("r", 1));
        assertThat(redis.toString()).doesNotContain(password);
    }

    @Test
    void aUserIsShownEncodedSoTheAddressReadsBack() {
        Object main = StreamsParser.parse("main=kafka://us%40e%3Ar@pw:k1:9092").main();
        assertThat(main).hasToString("kafka://us%40e%3Ar@****:k1:9092");
    }

    @Test
    void badStringsNameTheBadPartAndTheExpectedForm() {
        assertInvalid("", "empty");
        assertInvalid("feedback=redis://r:1", "no main stream");
        assertInvalid("main=kafak://x:1", "'kafak://x:1' must start with kafka://");
        assertInvalid("main=kafka://host", "Kafka server 'host'");
        assertInvalid("main=kafka://h:99999", "port '99999'");
        assertInvalid("main=kafka://h:1&foo=bar", "unknown key 'foo'");
        assertInvalid("main=kafka://h:1&feedback", "'feedback' is not key=value");
        assertInvalid("main=kafka://h:1&main=kafka://h:2", "'main' is given twice");
        assertInvalid("main=kafka://h:1&feedback=http://r:1", "must start with redis://");
        assertInvalid("main=kafka://h:1&feedback=redis://r:1/x", "database 'x'");
        assertInvalid("main=kafka://h:1&topics_prefix=", "'topics_prefix=' has no value");
    }

    @Test
    void errorMessagesNeverShowPasswords() {
        assertThatThrownBy(() -> StreamsParser.parse("main=kafka://user@s3cret:host&feedback=redis://r:1"))
                .isInstanceOf(InvalidStreamsException.class)
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> StreamsParser.parse("main=kafka://h:1&feedback=redis://u:s3cret@r:1/x"))
                .isInstanceOf(InvalidStreamsException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void parsesSentinelWithSeveralSentinelsAUserAndAMasterName() {
        RedisSettings redis = (RedisSettings) StreamsParser.parse(
                "main=memory://&feedback=redis-sentinel://app:s3cret@s1:26379,s2:26380,s3:26381/1#mymaster").feedback();

        assertThat(redis.deployment()).isEqualTo(RedisSettings.Deployment.SENTINEL);
        assertThat(redis.nodes()).containsExactly(new RedisSettings.Node("s1", 26379),
                new RedisSettings.Node("s2", 26380), new RedisSettings.Node("s3", 26381));
        assertThat(redis.masterName()).isEqualTo("mymaster");
        assertThat(redis.username()).isEqualTo("app");
        assertThat(redis.password()).isEqualTo("s3cret");
        assertThat(redis.database()).isEqualTo(1);
        assertThat(redis.toString()).isEqualTo("redis-sentinel://app:****@s1:26379,s2:26380,s3:26381/1#mymaster");
        assertThat(redis.toUri(java.time.Duration.ofSeconds(1)).getSentinels()).hasSize(3);
    }

    @Test
    void parsesClusterOverTlsAndTheReadsOption() {
        RedisSettings redis = (RedisSettings) StreamsParser.parse(
                "main=memory://&feedback=rediss-cluster://:pw@r1:7000,r2:7001?reads=notifications").feedback();

        assertThat(redis.deployment()).isEqualTo(RedisSettings.Deployment.CLUSTER);
        assertThat(redis.tls()).isTrue();
        assertThat(redis.reads()).isEqualTo(RedisSettings.Reads.NOTIFICATIONS);
        assertThat(redis.clusterUris(java.time.Duration.ofSeconds(1))).hasSize(2)
                .allSatisfy(uri -> assertThat(uri.isSsl()).isTrue());
        assertThat(redis.toString()).isEqualTo("rediss-cluster://:****@r1:7000,r2:7001?reads=notifications");
        RedisSettings blocking = (RedisSettings) StreamsParser
                .parse("main=memory://&feedback=redis://r:6379?reads=blocking").feedback();
        assertThat(blocking.reads()).isEqualTo(RedisSettings.Reads.BLOCKING);
    }

    @Test
    void badRedisDeploymentsNameWhatIsWrong() {
        assertInvalid("main=kafka://h:1&feedback=redis-sentinel://s1:26379,s2:26379", "names no master");
        assertInvalid("main=kafka://h:1&feedback=redis://r1:1,r2:2", "names several servers");
        assertInvalid("main=kafka://h:1&feedback=redis-cluster://r1:1/2", "only database 0");
        assertInvalid("main=kafka://h:1&feedback=redis-cluster://r1:1?reads=blocking", "cannot work on a Redis Cluster");
        assertInvalid("main=kafka://h:1&feedback=redis://r1:1?read=blocking", "is not known");
        assertInvalid("main=kafka://h:1&feedback=redis://r1:1#master", "only redis-sentinel:// takes a master name");
        assertInvalid("main=kafka://h:1&feedback=redis-cluster://r1", "must be redis-cluster://");
        assertThatThrownBy(() -> StreamsParser.parse("main=kafka://h:1&feedback=redis-sentinel://u:s3cret@s1:1"))
                .isInstanceOf(InvalidStreamsException.class).hasMessageNotContaining("s3cret");
    }

    private static void assertInvalid(String streams, String problem) {
        assertThatThrownBy(() -> StreamsParser.parse(streams))
                .isInstanceOf(InvalidStreamsException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining(InvalidStreamsException.EXPECTED_FORM);
    }
}
