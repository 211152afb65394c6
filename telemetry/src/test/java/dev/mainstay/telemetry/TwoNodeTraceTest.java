package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.run.RunRequest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The API on one node accepts a run inside the caller's trace and stores its traceparent with the run; a worker on
 * another node (another tracer, another exporter) claims it and runs it: the worker's spans join the caller's trace,
 * under the API's request span. Only the traceparent string crosses between the nodes, as through the run row.
 */
class TwoNodeTraceTest {
    private final InMemorySpanExporter apiSpans = InMemorySpanExporter.create();
    private final InMemorySpanExporter workerSpans = InMemorySpanExporter.create();

    @Test
    void aRunExecutedOnAnotherNodeJoinsTheCallersTrace() {
        var caller = Traceparent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").orElseThrow();
        String stored;
        List<SpanData> accepted;
        try (var api = node(apiSpans, "api-1")) {
            var request = api.serverSpan("POST", Optional.of(caller), new Random(1));
            stored = request.traceparent().header(); // the run row's traceparent column
            request.end("/v1/runs", 202);
            accepted = apiSpans.getFinishedSpanItems(); // closing the node's exporter empties it
        }
        List<SpanData> worked;
        try (var worker = node(workerSpans, "worker-2");
                var loop = Runs.loop(Runs.model(), List.of(worker.interceptor().orElseThrow()),
                        List.of(worker.listener().orElseThrow()))) {
            var parent = Traceparent.parse(stored);
            worker.queueWait(parent, "run_x", Instant.parse("2026-12-07T10:00:00Z"),
                    Instant.parse("2026-12-07T10:00:02Z"), 1);
            worker.within(parent, () -> loop.run(Runs.agent(), new RunRequest("run_x", "acme", "ada", "hi")));
            worked = workerSpans.getFinishedSpanItems();
        }

        var request = accepted.getFirst();
        assertThat(request.getName()).isEqualTo("POST /v1/runs");
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getTraceId()).isEqualTo(caller.traceId());
        assertThat(request.getParentSpanId()).isEqualTo(caller.spanId());

        assertThat(worked).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(caller.traceId()));
        var run = one(worked, "invoke_agent assistant");
        var wait = one(worked, "queue_wait");
        assertThat(run.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(wait.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(wait.getEndEpochNanos() - wait.getStartEpochNanos()).isEqualTo(2_000_000_000L);
        assertThat(run.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey(
                "service.instance.id"))).isNull(); // an injected provider keeps its own resource
        assertThat(worked.stream().filter(s -> s.getName().startsWith("chat ")).toList())
                .allSatisfy(chat -> assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId()));
    }

    private static Tracing node(InMemorySpanExporter exporter, String name) {
        return Tracing.with(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build(), name);
    }

    private static SpanData one(List<SpanData> spans, String name) {
        var found = spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as(name).hasSize(1);
        return found.getFirst();
    }
}
