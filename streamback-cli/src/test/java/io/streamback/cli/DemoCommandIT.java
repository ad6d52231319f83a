package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code demo} in this JVM: it starts its own Kafka and Redis, runs every exchange and stops them. */
class DemoCommandIT {
    @Test
    @Timeout(60)
    void runsEveryExchangeAndExitsZero() {
        long started = System.nanoTime();
        CliRun run = CliRun.run("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("One-way: sent {\"text\":\"Hi there\"} to demo_log -> the consumer got it after ")
                .contains("RPC: sent {\"name\":\"Ada\"} -> got \"Hello, Ada!\" in ")
                .contains("Streaming: sent {\"count\":3} -> got 1 (")
                .contains("then the end marker at ")
                .contains("consumer group demo_consumer failed with IllegalArgumentException('name is missing')")
                .contains("Done in ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }
}
