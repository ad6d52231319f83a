package io.streamback;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Instances of the library on the in-memory transport, fresh for every test and closed after it.
 *
 * <pre>{@code @RegisterExtension final MemoryApps apps = new MemoryApps();}</pre>
 *
 * <p>Each test gets its own memory name, so {@link #streams()} ({@code main=memory://<name>&feedback=memory://<name>})
 * is shared only by the instances of that test. Whatever {@link #create}, {@link #build} or {@link #track} returned
 * is closed after the test, in the order it was opened.
 */
public final class MemoryApps implements BeforeEachCallback, AfterEachCallback {
    private String memoryName = "";
    private String streams = "";
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        memoryName = UUID.randomUUID().toString();
        streams = "main=memory://" + memoryName + "&feedback=memory://" + memoryName;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> toClose = List.copyOf(opened);
        opened.clear();
        Exception failure = null;
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** This test's memory name: the name of its main and feedback streams. */
    public String memoryName() {
        return memoryName;
    }

    /** {@code main=memory://<name>&feedback=memory://<name>} for this test's memory name. */
    public String streams() {
        return streams;
    }

    /** {@code Streamback.create(name, streams())}, closed after the test. */
    public Streamback create(String name) {
        return track(Streamback.create(name, streams));
    }

    /** The builder, given {@link #streams()}, built; closed after the test. */
    public Streamback build(StreambackBuilder builder) {
        return track(builder.streams(streams).build());
    }

    /** Closes {@code closeable} after the test; returns it. */
    public <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
