package io.streamback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code demo} in this JVM: it starts its own Kafka and Redis, runs every exchange and stops them. */
class DemoCommandIT {
    @Test
    @Timeout(120) // a bound against a hang, not a speed check: tests assert no timings
    void runsEveryExchangeAndExitsZero() {
        CliRun run = CliRun.run("demo");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("One-way: sent {\"text\":\"Hi there\"} to demo_log -> the consumer got it after ")
                .contains("RPC: sent {\"name\":\"Ada\"} -> got \"Hello, Ada!\" in ")
                .contains("Streaming: sent {\"count\":3} -> got 1 (")
                .contains("then the end marker at ")
                .contains("consumer group demo_consumer failed with IllegalArgumentException('name is missing')")
                .contains("Done in ");
    }
}
