package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.run.RunRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracingTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.with(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build(), "node-a");

    @Test
    void aRunIsAnInvokeAgentSpanWithAChatSpanPerAttemptAndAnExecuteToolSpanPerToolCall() {
        try (var loop = Runs.loop(Runs.model(), List.of(tracing.interceptor().orElseThrow()),
                List.of(tracing.listener().orElseThrow()))) {
            loop.run(Runs.agent(), new RunRequest("run_1", "acme", "ada", "say hi"));
        }

        var spans = exporter.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder("invoke_agent assistant",
                "chat claude-sonnet-4-5", "chat claude-sonnet-4-5", "chat claude-sonnet-4-5", "execute_tool echo");
        var run = named(spans, "invoke_agent assistant").getFirst();
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(run.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
        assertThat(run.getAttributes().get(AttributeKey.stringKey("mainstay.run.id"))).isEqualTo("run_1");
        assertThat(run.getAttributes().get(AttributeKey.stringKey("mainstay.tenant"))).isEqualTo("acme");
        assertThat(run.getAttributes().get(AttributeKey.stringKey("mainstay.node"))).isEqualTo("node-a");
        assertThat(run.getAttributes().get(AttributeKey.stringKey("mainstay.stop_reason"))).isEqualTo("completed");
        // every span of the run is its child, in its trace
        for (var span : spans) {
            assertThat(span.getTraceId()).isEqualTo(run.getTraceId());
            if (span != run) {
                assertThat(span.getParentSpanId()).as(span.getName()).isEqualTo(run.getSpanId());
            }
        }

        var chats = named(spans, "chat claude-sonnet-4-5").stream()
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        var failed = chats.get(0);
        assertThat(failed.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("overloaded_error");
        assertThat(failed.getAttributes().get(AttributeKey.longKey("mainstay.attempt"))).isEqualTo(1);
        var retried = chats.get(1);
        assertThat(retried.getAttributes().get(AttributeKey.longKey("mainstay.attempt"))).isEqualTo(2);
        assertThat(retried.getAttributes().get(AttributeKey.longKey("mainstay.step"))).isEqualTo(1);
        assertThat(retried.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("anthropic");
        assertThat(retried.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("tool_use");
        var cached = chats.get(2);
        assertThat(cached.getAttributes().get(AttributeKey.longKey("mainstay.attempt"))).isEqualTo(1);
        assertThat(cached.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(240);
        assertThat(cached.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
                .isEqualTo(200);
        assertThat(cached.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens")))
                .isEqualTo(30);
        assertThat(cached.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                .isEqualTo("claude-sonnet-4-5");

        var tool = named(spans, "execute_tool echo").getFirst();
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("echo");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id"))).isEqualTo("toolu_1");
        assertThat(tracing.openRuns()).isZero();
    }

    @Test
    void aRunStartedInsideACallersTraceIsItsChild() {
        var caller = Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
        try (var loop = Runs.loop(Runs.model(), List.of(tracing.interceptor().orElseThrow()),
                List.of(tracing.listener().orElseThrow()))) {
            tracing.within(Optional.of(caller), () -> loop.run(Runs.agent(), new RunRequest("run_2", "acme", "ada",
                    "say hi")));
        }

        var run = named(exporter.getFinishedSpanItems(), "invoke_agent assistant").getFirst();
        assertThat(run.getTraceId()).isEqualTo(caller.traceId());
        assertThat(run.getParentSpanId()).isEqualTo(caller.spanId());
        assertThat(run.getParentSpanContext().isRemote()).isTrue();
    }

    @Test
    void offInstallsNothing() {
        try (var off = Tracing.off()) {
            assertThat(off.enabled()).isFalse();
            assertThat(off.interceptor()).isEmpty();
            assertThat(off.listener()).isEmpty();
        }
    }

    static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }
}
