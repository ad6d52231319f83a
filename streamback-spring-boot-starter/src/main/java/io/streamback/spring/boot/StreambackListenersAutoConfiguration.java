package io.streamback.spring.boot;

import io.streamback.Streamback;
import io.streamback.spring.boot.internal.StreambackLifecycle;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Runs the context's one {@link Streamback} bean, auto-configured or the application's own, with the
 * context: once it is refreshed, the {@code @Listen} methods of its singleton beans are registered,
 * its {@code Router} beans included and listening starts in the background; when it closes, the
 * instance closes gracefully within its shutdown timeout. Off with {@code streamback.auto-startup=false}.
 */
@AutoConfiguration(after = StreambackAutoConfiguration.class)
@ConditionalOnSingleCandidate(Streamback.class)
@ConditionalOnProperty(prefix = "streamback", name = "auto-startup", matchIfMissing = true)
public class StreambackListenersAutoConfiguration {
    /** Created by Spring. */
    public StreambackListenersAutoConfiguration() {
    }

    /** Starts and stops {@code streamback} with the context. */
    @Bean
    public SmartLifecycle streambackLifecycle(Streamback streamback, ConfigurableListableBeanFactory beanFactory) {
        return new StreambackLifecycle(streamback, beanFactory);
    }
}
