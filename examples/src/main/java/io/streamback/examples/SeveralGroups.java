package io.streamback.examples;

import io.streamback.FeedbackLane;
import io.streamback.StreamEndedException;
import io.streamback.Streamback;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two consumer groups answer every message of one topic: {@code billing} replies, {@code audit}
 * only records the message and sends its end marker. {@code ExamplesMemoryTest} runs it on the
 * in-memory streams.
 */
public final class SeveralGroups {
    private static final Logger LOG = LoggerFactory.getLogger(SeveralGroups.class);

    /**
     * What {@code billing} answers.
     *
     * @param order the order billed
     * @param cents the amount
     */
    public record Invoice(String order, long cents) {
    }

    private SeveralGroups() {
    }

    /** Bills one order on the default memory streams and logs the invoice. */
    public static void main(String[] args) {
        LOG.info("invoice: {}", bill("main=memory://&feedback=memory://", "A-1"));
    }

    /** Starts both groups on {@code streams}, sends {@code order} and returns billing's invoice. */
    public static Invoice bill(String streams, String order) {
        try (Streamback billing = Streamback.create("billing", streams);
                Streamback audit = Streamback.create("audit", streams);
                Streamback caller = Streamback.create("shop", streams)) {

            billing.listen("orders", (context, message) -> message.respond(new Invoice(order, 4_200)));
            audit.listen("orders", (context, message) -> LOG.info("audited {}", message.value()));
            billing.startInBackground();
            audit.startInBackground();

            // the first group that replies is the one read: audit's end marker does not end the read
            Invoice invoice = caller.send("orders", Map.of("order", order)).read(Invoice.class, Duration.ofSeconds(5));

            // one group only, as Python's read(from_group): other groups' entries are skipped
            Invoice billed = caller.send("orders", Map.of("order", order)).from("billing")
                    .read(Invoice.class, Duration.ofSeconds(5));

            // Python's read(): the first end marker of any group ends the lane, replied or not
            FeedbackLane lane = caller.send("orders", Map.of("order", order)).untilFirstEndMarker();
            try {
                LOG.info("first reply: {}", lane.read(Invoice.class, Duration.ofSeconds(5)));
            } catch (StreamEndedException e) {
                LOG.info("{} ended first", e.groups());
            }
            LOG.info("billed: {}", billed);
            return invoice;
        }
    }
}
