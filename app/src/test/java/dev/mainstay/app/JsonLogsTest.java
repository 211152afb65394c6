package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.json.Json;
import dev.mainstay.observe.LoggingRunListener;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Toolbox;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** MAINSTAY_LOG_FORMAT=json writes one JSON object per line, and every run line carries the run id. */
class JsonLogsTest {
    @Test
    void everyRunLogLineIsJsonCarryingTheRunId() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var bytes = new ByteArrayOutputStream();
        var encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.addIncludeMdcKeyName(LoggingRunListener.RUN_ID);
        encoder.start();
        var appender = new OutputStreamAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger("mainstay.run");
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            var model = new ScriptedModel()
                    .then(ScriptedModel.toolUse(ScriptedModel.use("toolu_1", "echo", Map.of("text", "x"))))
                    .then(ScriptedModel.text("done"));
            var agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(FakeTool.echo("echo")),
                    RunLimits.DEFAULTS, false, false);
            AgentLoop.builder(model).listener(new LoggingRunListener()).build()
                    .run(agent, new RunRequest("run_json_1", "default", "u", "go"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }

        var lines = bytes.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
        for (var line : lines) {
            var json = Json.parseObject(line);
            assertThat(json.path("run_id").asText()).isEqualTo("run_json_1");
            assertThat(json.path("message").asText()).isNotBlank();
        }
    }
}
