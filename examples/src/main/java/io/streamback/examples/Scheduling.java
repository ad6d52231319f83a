package io.streamback.examples;

import io.streamback.Streamback;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A message sent every 30 seconds, once across all running replicas of the app. */
public final class Scheduling {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduling.class);

    private Scheduling() {
    }

    /** Listens and schedules until SIGTERM. */
    public static void main(String[] args) {
        Streamback streamback = Streamback.create("example_consumer_app",
                "main=kafka://kafka:9092&feedback=redis://redis:6379");

        streamback.listen("check_server_status", (context, message) ->
                LOG.info("received: {}", message.value()));

        streamback.schedule(
                "check_the_server_status",
                "*/30 * * * * *",          // every 30 seconds: cron with a leading seconds field
                "check_server_status",
                Map.of("something1", "hello there"),
                "test the schedule");

        streamback.start();
    }
}
