package io.streamback;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What was logged while part of a test ran: the tests' slf4j-simple writes to {@code System.err}. */
public final class CapturedLog {
    /** The part of the test whose log is captured. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private CapturedLog() {
    }

    /** Runs {@code action} with {@code System.err} captured; returns what was written, also echoed to the real one. */
    public static String during(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }
}
