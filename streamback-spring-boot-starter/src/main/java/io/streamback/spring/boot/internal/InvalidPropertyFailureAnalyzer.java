package io.streamback.spring.boot.internal;

import io.streamback.spring.boot.InvalidStreambackPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidStreambackPropertyException} into Spring Boot's "application failed to start" report. */
public final class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidStreambackPropertyException> {
    /** Created by Spring Boot. */
    public InvalidPropertyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidStreambackPropertyException cause) {
        return new FailureAnalysis("The Streamback property " + cause.getMessage(),
                "Set " + cause.property() + " in the application's configuration (application.properties or"
                        + " .yml, or the environment variable " + cause.property().toUpperCase(java.util.Locale.ROOT)
                        .replace('.', '_').replace("-", "") + ").", cause);
    }
}
