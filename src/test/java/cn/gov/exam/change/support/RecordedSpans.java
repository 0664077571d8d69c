package cn.gov.exam.change.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' span exporter (quarkus.otel.traces.exporter=cdi picks up every SpanExporter bean): the
 * spans the service ends, kept in memory, the latest 50,000 only, as every test of the run is traced.
 */
@Singleton
public class RecordedSpans implements SpanExporter {
    private static final int KEPT = 50_000;
    private final ConcurrentLinkedDeque<SpanData> spans = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData s : batch) {
            spans.addLast(s);
            if (size.incrementAndGet() > KEPT && spans.pollFirst() != null) {
                size.decrementAndGet();
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    public List<SpanData> all() {
        return new ArrayList<>(spans);
    }

    /** The spans of one trace. */
    public List<SpanData> trace(String traceId) {
        return spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
