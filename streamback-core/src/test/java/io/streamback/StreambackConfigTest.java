package io.streamback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings as a record: every one has a setter, survives {@code toBuilder()}, and shows in {@code toString()}. */
class StreambackConfigTest {
    @RegisterExtension
    final MemoryApps apps = new MemoryApps();

    private StreambackConfig everySettingChanged() {
        return apps.build(Streamback.builder("configured")
                .kafkaProperty("acks", "1").topicsPrefix("prefix").group("team")
                .sendBlockTimeout(Duration.ofSeconds(2)).feedbackTimeout(Duration.ofSeconds(7)).defaultDeadlines(false)
                .feedbackTtl(Duration.ofSeconds(90)).feedbackWriteTimeout(Duration.ofSeconds(3))
                .maxPendingFeedbackWrites(10).feedbackReplicas(2).shutdownTimeout(Duration.ofSeconds(4))
                .processingTimeout(Duration.ofSeconds(5)).poolConcurrency(3).rescaleInterval(Duration.ofSeconds(6))
                .minWorkerLifetime(Duration.ofSeconds(8)).onlyTopics("a", "b").workers(WorkerMode.THREADS)
                .scheduleLookBack(Duration.ofSeconds(9)).stateDir(Path.of("state")).objectMapper(new ObjectMapper()))
                .config();
    }

    @Test
    void everySettingHasABuilderSetterOfItsName() {
        for (RecordComponent component : StreambackConfig.class.getRecordComponents()) {
            if (component.getName().equals("name") || component.getName().equals("workerMode")) {
                continue; // the name is the builder's argument; the worker mode's setter is workers(...)
            }
            // the collections are added to one at a time
            String setter = switch (component.getName()) {
                case "kafkaProperties" -> "kafkaProperty";
                case "observers" -> "observe";
                default -> component.getName();
            };
            assertThat(Arrays.stream(StreambackBuilder.class.getMethods()).map(m -> m.getName()))
                    .as("a setter for " + component.getName()).contains(setter);
        }
    }

    @Test
    void toBuilderKeepsEverySettingAndChangesOnlyWhatIsSet() {
        StreambackConfig config = everySettingChanged();

        StreambackConfig copy = apps.build(config.toBuilder()).config();
        StreambackConfig changed = apps.build(config.toBuilder().poolConcurrency(5)).config();

        assertThat(copy).isEqualTo(config);
        assertThat(changed.poolConcurrency()).isEqualTo(5);
        assertThat(changed.shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(changed.onlyTopics()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void toStringShowsEverySettingWithPasswordsMasked() {
        String text;
        try (Streamback redis = everySettingChanged().toBuilder()
                .streams("main=memory://x&feedback=redis://:s3cret@127.0.0.1:1").build()) { // connects on first use
            text = redis.config().toString();
        }

        assertThat(text).doesNotContain("s3cret").contains("****");
        for (RecordComponent component : StreambackConfig.class.getRecordComponents()) {
            assertThat(text).contains(component.getName() + "=");
        }
        assertThat(text).contains("poolConcurrency=3", "processingTimeout=PT5S", "kafkaProperties=[acks]",
                "objectMapper=com.fasterxml.jackson.databind.ObjectMapper");
    }
}
