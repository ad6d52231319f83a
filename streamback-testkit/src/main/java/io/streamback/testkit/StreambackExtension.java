package io.streamback.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects the {@linkplain StreambackTestKit#shared() shared kit} into
 * test constructors and methods: parameters of type {@link StreambackTestKit}, and
 * {@code String} parameters annotated with {@link Streams}.
 *
 * <p>Use with {@code @ExtendWith(StreambackExtension.class)} or {@link StreambackTest}.
 */
public final class StreambackExtension implements ParameterResolver {

    /** Creates the extension; JUnit calls this. */
    public StreambackExtension() {
    }

    /** Supports {@link StreambackTestKit} parameters and {@code @Streams String} parameters. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == StreambackTestKit.class
                || (type == String.class && parameterContext.isAnnotated(Streams.class));
    }

    /**
     * Returns the shared kit, or its {@linkplain StreambackTestKit#streams() streams} setting for
     * a {@code @Streams String} parameter, starting the servers on first use.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        StreambackTestKit kit;
        try {
            kit = StreambackTestKit.shared();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(
                    "could not start the Streamback test servers: " + e.getMessage(), e);
        }
        return parameterContext.getParameter().getType() == String.class ? kit.streams() : kit;
    }
}
