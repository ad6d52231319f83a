package io.streamback.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.StreambackBuilder;
import io.streamback.StreambackConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What IDEs complete: the metadata the configuration processor wrote must name every builder setting. */
class ConfigurationMetadataTest {
    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    /**
     * Builder setters and config settings whose property is not their name in kebab case; the
     * observers are the metrics' (StreambackMetricsAutoConfiguration), on by that property.
     */
    private static final Map<String, String> RENAMED = Map.of(
            "kafkaProperty", "kafka-properties",
            "workers", "worker-mode",
            "objectMapper", "application-object-mapper",
            "observe", "metrics.enabled",
            "observers", "metrics.enabled");

    @Test
    void everyBuilderSetterHasADescribedProperty() throws IOException {
        Map<String, JsonNode> properties = properties();

        Set<String> missing = new TreeSet<>();
        for (Method method : StreambackBuilder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() == StreambackBuilder.class) {
                String property = "streamback." + RENAMED.getOrDefault(method.getName(), kebab(method.getName()));
                if (!properties.containsKey(property)) {
                    missing.add(method.getName() + " -> " + property);
                }
            }
        }

        assertThat(missing).as("builder setters without a property in %s", METADATA).isEmpty();
    }

    @Test
    void everyConfigSettingHasADescribedProperty() throws IOException {
        Map<String, JsonNode> properties = properties();

        Set<String> missing = new TreeSet<>();
        for (RecordComponent component : StreambackConfig.class.getRecordComponents()) {
            String property = "streamback." + RENAMED.getOrDefault(component.getName(), kebab(component.getName()));
            if (!properties.containsKey(property)) {
                missing.add(component.getName() + " -> " + property);
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void descriptionsArePlainTextAndDefaultsAreShown() throws IOException {
        Map<String, JsonNode> properties = properties();

        assertThat(properties.values()).allSatisfy(property -> assertThat(property.path("description").asText())
                .as(property.path("name").asText()).isNotBlank().doesNotContain("{@", "&amp;", "<"));
        assertThat(properties.get("streamback.feedback-timeout").path("defaultValue").asText()).isEqualTo("60s");
        assertThat(properties.get("streamback.worker-mode").path("defaultValue").asText()).isEqualTo("threads");
        assertThat(properties.get("streamback.state-dir").path("defaultValue").asText()).isEqualTo(".streamback");
        assertThat(properties.get("streamback.metrics.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties).containsKeys("streamback.metrics.kafka-client-metrics",
                "streamback.metrics.lettuce-metrics", "streamback.metrics.tags", "management.health.streamback.enabled");
    }

    private static Map<String, JsonNode> properties() throws IOException {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode property : new ObjectMapper().readTree(METADATA.toFile()).path("properties")) {
            byName.put(property.path("name").asText(), property);
        }
        return byName;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
