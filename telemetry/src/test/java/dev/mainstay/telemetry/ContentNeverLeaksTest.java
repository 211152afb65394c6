package dev.mainstay.telemetry;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.event.RunListener;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An API key placed in the task and in a tool's result never reaches a log line or a span — with content logging
 * off, and with it on (the redactor answers for it). Every logger at TRACE, every line's message, arguments and MDC.
 */
class ContentNeverLeaksTest {
    private static final String KEY = "sk-ant-" + "api03-NEVERLOGME0123456789abcdefABCDEF";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private Level previous;

    @BeforeEach
    void captureEveryLine() {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
    }

    @AfterEach
    void stopCapturing() {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(previous);
    }

    @Test
    void withContentLoggingOffNoPromptAnswerOrToolResultIsLogged() {
        run(List.of());
        assertNoKey();
        assertThat(lines()).noneMatch(l -> l.contains("model request"));
    }

    @Test
    void withContentLoggingOnContentIsLoggedOnlyThroughTheRedactor() {
        ContentRedactor redactor = text -> text.replaceAll("sk-ant-[A-Za-z0-9_-]+", "[REDACTED:api_key]");
        run(List.of(new ContentLogInterceptor(redactor)));
        assertNoKey();
        assertThat(lines()).anyMatch(l -> l.contains("model request") && l.contains("[REDACTED:api_key]"))
                .anyMatch(l -> l.contains("[tool_result toolu_1]") && l.contains("[REDACTED:api_key]"));
    }

    @Test
    void theSecurityModulesRedactorAsTheRuntimeWiresItTakesTheKeyOut() {
        run(List.of(new ContentLogInterceptor(dev.mainstay.redact.Redactor.all()::redact)));
        assertNoKey();
        assertThat(lines()).anyMatch(l -> l.contains("model request")).anyMatch(l -> l.contains("[tool_result toolu_1]"));
    }

    @Test
    void aRedactorThatFailsWithholdsTheContent() {
        run(List.of(new ContentLogInterceptor(text -> {
            throw new IllegalStateException("broken redactor");
        })));
        assertNoKey();
        assertThat(lines()).anyMatch(l -> l.contains("[content withheld:"));
    }

    private void run(List<ModelInterceptor> content) {
        var tool = FakeTool.named("lookup", ToolEffect.READ_ONLY, (in, ctx) -> ToolResult.ok("found " + KEY));
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "lookup", Map.of("text", "key?"))))
                .then(text("your key is " + KEY));
        var agent = new AgentSpec("assistant", "be brief", "claude-sonnet-4-5", Toolbox.of(tool), RunLimits.DEFAULTS,
                false, false);
        var tracing = Tracing.with(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build(), "n");
        var links = new ArrayList<ModelInterceptor>(content);
        links.add(tracing.interceptor().orElseThrow());
        links.add(new GenAiMetricsInterceptor(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        List<RunListener> listeners = List.of(new LoggingRunListener(), tracing.listener().orElseThrow());
        try (var loop = Runs.loop(model, links, listeners)) {
            loop.run(agent, new RunRequest("run_k", "acme", "ada", "remember my key " + KEY));
        }
    }

    private void assertNoKey() {
        assertThat(appender.list).isNotEmpty();
        assertThat(lines()).noneMatch(l -> l.contains("NEVERLOGME"));
        assertThat(spans.getFinishedSpanItems()).isNotEmpty().allSatisfy(span -> {
            assertThat(span.getAttributes().toString()).doesNotContain("NEVERLOGME");
            assertThat(span.getName()).doesNotContain("NEVERLOGME");
        });
    }

    private List<String> lines() {
        return appender.list.stream().map(e -> e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }
}
