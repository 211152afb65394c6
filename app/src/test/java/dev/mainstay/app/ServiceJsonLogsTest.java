package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.json.Json;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.telemetry.HttpTelemetry;
import dev.mainstay.telemetry.Tracing;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The service's logs as a log pipeline reads them: the shipped logback-json.xml, one JSON object per line; every line
 * of a run — on the run's thread and on a tool's own thread — carries run_id, tenant, user, trace_id, span_id and
 * step; a request line carries method, route template, status and duration.
 */
class ServiceJsonLogsTest {
    @Test
    void serveLogsJsonByDefaultAndTheCliReadableText() {
        assertThat(LogSetup.serves(new String[] {"serve", "--port", "0"})).isTrue();
        assertThat(LogSetup.serves(new String[] {"--verbose", "serve"})).isTrue();
        assertThat(LogSetup.serves(new String[] {"ask", "serve me"})).isFalse();
        assertThat(LogSetup.serves(new String[0])).isFalse();
    }

    @Test
    void everyLineOfARunCarriesItsCorrelationFieldsAndRequestLinesTheirRoute() throws Exception {
        var captured = new ByteArrayOutputStream();
        var originalErr = System.err;
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configure(context, "logback-json.xml");
            var tool = FakeTool.named("probe", ToolEffect.READ_ONLY, (in, ctx) -> {
                LoggerFactory.getLogger("dev.mainstay.tools.probe").info("probe ran on its own thread");
                return ToolResult.ok("done");
            });
            var model = new ScriptedModel()
                    .then(ScriptedModel.toolUse(ScriptedModel.use("toolu_1", "probe", Map.of("text", "x"))))
                    .then(ScriptedModel.text("done"));
            var agent = new AgentSpec("assistant", "", "claude-sonnet-4-5", Toolbox.of(tool), RunLimits.DEFAULTS,
                    false, false);
            try (var tracing = Tracing.with(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build(), "node-1")) {
                var chain = ModelChain.builder(List.of(new ModelEndpoint("anthropic:claude-sonnet-4-5", "", model)),
                        PriceTable.anthropicDefaults()).add(ModelChain.Slot.TELEMETRY, tracing.interceptor().orElseThrow())
                        .build();
                try (var loop = AgentLoop.builder(chain).listener(tracing.listener().orElseThrow())
                        .listener(new LoggingRunListener()).build()) {
                    loop.run(agent, new RunRequest("run_json_2", "acme", "ada", "go"));
                }
            }
            new HttpTelemetry(new SimpleMeterRegistry()).record("GET", "/v1/runs/{id}", 200, Duration.ofMillis(7));
        } finally {
            System.setErr(originalErr);
            configure(context, "logback-test.xml");
        }

        var lines = captured.toString(StandardCharsets.UTF_8).strip().lines().map(Json::parseObject).toList();
        var runLines = lines.stream().filter(l -> l.has("run_id")).toList();
        assertThat(runLines).hasSizeGreaterThanOrEqualTo(4);
        String traceId = runLines.getFirst().path("trace_id").asText();
        assertThat(traceId).hasSize(32);
        for (ObjectNode line : runLines) {
            assertThat(line.path("run_id").asText()).isEqualTo("run_json_2");
            assertThat(line.path("tenant").asText()).isEqualTo("acme");
            assertThat(line.path("user").asText()).isEqualTo("ada");
            assertThat(line.path("trace_id").asText()).as(line.toString()).isEqualTo(traceId);
            assertThat(line.path("span_id").asText()).as(line.toString()).hasSize(16);
            assertThat(line.path("step").asText()).as(line.toString()).isIn("0", "1", "2");
        }
        var toolLine = runLines.stream().filter(l -> l.path("message").asText().contains("own thread")).findFirst()
                .orElseThrow(() -> new AssertionError("no tool line in " + lines));
        assertThat(toolLine.path("thread_name").asText()).isNotEqualTo(Thread.currentThread().getName());
        var request = lines.stream().filter(l -> l.path("logger_name").asText().equals("mainstay.http")).findFirst()
                .orElseThrow();
        assertThat(request.path("method").asText()).isEqualTo("GET");
        assertThat(request.path("route").asText()).isEqualTo("/v1/runs/{id}");
        assertThat(request.path("status").asText()).isEqualTo("200");
        assertThat(request.path("duration_ms").asText()).isEqualTo("7");
    }

    private static void configure(LoggerContext context, String resource) throws Exception {
        context.reset();
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ServiceJsonLogsTest.class.getClassLoader().getResource(resource));
    }
}
