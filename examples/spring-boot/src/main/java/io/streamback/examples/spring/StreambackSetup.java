package io.streamback.examples.spring;

import io.streamback.ext.ListenerStats;
import io.streamback.spring.boot.StreambackBuilderCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the properties cannot say: builder settings computed at start, and callbacks as beans. */
@Configuration(proxyBeanMethods = false)
public class StreambackSetup {
    @Bean
    StreambackBuilderCustomizer clientId(@Value("${HOSTNAME:local}") String host) {
        return builder -> builder.kafkaProperty("client.id", "greeter-" + host);
    }

    @Bean
    ListenerStats listenerStats() {   // every Callback bean is added to the instance
        return new ListenerStats(Duration.ofMinutes(1));
    }
}
