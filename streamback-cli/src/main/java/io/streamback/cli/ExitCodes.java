package io.streamback.cli;

/** The exit codes of every {@code streamback} command. */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** Any failure not listed below: a server unreachable, a bug. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, bad JSON, bad duration, bad streams string. */
    public static final int USAGE = 2;
    /** A consumer group answered with an error. */
    public static final int REMOTE_ERROR = 3;
    /** No reply came within the timeout. */
    public static final int TIMEOUT = 4;

    private ExitCodes() {
    }
}
