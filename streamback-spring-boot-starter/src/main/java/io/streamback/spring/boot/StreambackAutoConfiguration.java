package io.streamback.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamback.Callback;
import io.streamback.InvalidStreamsException;
import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Makes the {@link Streamback} bean, unless the context has one: named by {@code streamback.name}
 * (default {@code spring.application.name}), on the {@code streamback.streams} streams string, with
 * every other {@code streamback.*} property applied to its builder; then the context's
 * {@code ObjectMapper} when it has exactly one (see {@code streamback.application-object-mapper}),
 * then each {@link StreambackBuilderCustomizer} bean in order. Every {@link Callback} bean of the
 * context is added to it, in order. The context closes it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration")
@ConditionalOnClass(Streamback.class)
@EnableConfigurationProperties(StreambackProperties.class)
public class StreambackAutoConfiguration {
    /** Created by Spring. */
    public StreambackAutoConfiguration() {
    }

    /**
     * The application's Streamback instance.
     *
     * @throws InvalidStreambackPropertyException naming the property that is missing or refused
     */
    @Bean
    @ConditionalOnMissingBean
    public Streamback streamback(StreambackProperties properties, Environment environment,
            ObjectProvider<ObjectMapper> mappers, ObjectProvider<StreambackBuilderCustomizer> customizers,
            ObjectProvider<Callback> callbacks) {
        StreambackBuilder builder = Streamback.builder(name(properties, environment));
        String streams = properties.getStreams();
        if (streams == null || streams.isBlank()) {
            throw new InvalidStreambackPropertyException("streamback.streams", null,
                    "not set: give the streams string, e.g. streamback.streams="
                            + "main=kafka://kafka:9092&feedback=redis://redis:6379", null);
        }
        builder.streams(streams);
        properties.applyTo(builder);
        if (properties.isApplicationObjectMapper()) {
            mappers.ifUnique(builder::objectMapper);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        Streamback streamback;
        try {
            streamback = builder.build();
        } catch (InvalidStreamsException e) {
            // the value is not shown: it may hold passwords; the library's message names the bad part
            throw new InvalidStreambackPropertyException("streamback.streams", null, e.getMessage(), e);
        }
        callbacks.orderedStream().forEach(streamback::addCallback);
        return streamback;
    }

    private static String name(StreambackProperties properties, Environment environment) {
        String name = properties.getName();
        if (name == null || name.isBlank()) {
            name = environment.getProperty("spring.application.name");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidStreambackPropertyException("streamback.name", null,
                    "not set: set streamback.name or spring.application.name to the application's name"
                            + " (its consumer group, unless streamback.group sets another)", null);
        }
        return name;
    }
}
