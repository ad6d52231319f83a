package io.streamback.internal.redis;

import io.lettuce.core.resource.ClientResources;

/**
 * Adds to the Lettuce client resources of the feedback stream before they are built, so that
 * Lettuce's command metrics can be recorded (a {@code MicrometerCommandLatencyRecorder}). The
 * engine hands it every registered {@code StreambackObserver} that also implements this interface.
 *
 * <p>With {@code KafkaClientInstrumentation}, the one part of {@code io.streamback.internal} another
 * module uses: {@code streamback-micrometer} implements it, and changes with it in the same
 * release (the BOM keeps both at one version).
 */
public interface RedisClientInstrumentation {
    /**
     * Called once, when the feedback stream of the instance named {@code application} is created,
     * with the builder of its client resources.
     */
    void customize(String application, ClientResources.Builder resources);
}
