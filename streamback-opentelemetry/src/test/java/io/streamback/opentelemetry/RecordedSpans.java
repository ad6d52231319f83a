package io.streamback.opentelemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** An OpenTelemetry SDK that keeps every finished span in memory, for the tracing tests to look at. */
final class RecordedSpans implements AutoCloseable {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();

    OpenTelemetrySdk openTelemetry() {
        return openTelemetry;
    }

    /** Every finished span, in the order they ended. */
    List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    /** The names of the finished spans, in the order they ended. */
    List<String> names() {
        return all().stream().map(SpanData::getName).toList();
    }

    /** The first finished span named {@code name}; fails the test, listing the names, when there is none. */
    SpanData span(String name) {
        return all().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
    }

    @Override
    public void close() {
        openTelemetry.close();
    }
}
