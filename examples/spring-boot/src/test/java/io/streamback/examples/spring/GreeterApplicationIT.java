package io.streamback.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamback.testkit.StreambackTestKit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service, booted against the test kit's embedded Kafka and Redis, runs an RPC. */
@SpringBootTest
@DirtiesContext // closes the application before the JVM's exit stops the test servers
class GreeterApplicationIT {
    @DynamicPropertySource
    static void streams(DynamicPropertyRegistry registry) {
        registry.add("streamback.streams", () -> StreambackTestKit.shared().streams());
    }

    @Autowired
    GreetingClient client;

    @Test
    void theGreeterAnswersTheClientThroughKafkaAndRedis() {
        assertThat(client.greet("Ada")).isEqualTo("Hello, Ada!");
    }
}
