package io.streamback.cli;

import io.streamback.Streamback;
import io.streamback.StreambackBuilder;
import picocli.CommandLine.Option;

/** The options every command that connects takes: the streams string and the application's name. */
final class ConnectionOptions {
    @Option(names = "--streams", required = true, paramLabel = "STREAMS",
            description = "Where the streams are, e.g. main=kafka://127.0.0.1:9092&feedback=redis://127.0.0.1:6379"
                    + " (see 'streamback dev').")
    String streams;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The application's name: its consumer group, and the source group of what it sends.")
    String name;

    /** A builder for an application named {@code --name} on {@code --streams}. */
    StreambackBuilder builder() {
        return Streamback.builder(name).streams(streams);
    }
}
