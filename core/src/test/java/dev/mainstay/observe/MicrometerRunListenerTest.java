package dev.mainstay.observe;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Toolbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerRunListenerTest {
    @Test
    void countsRunsModelCallsTokensCostAndToolCalls() {
        var registry = new SimpleMeterRegistry();
        var model = new ScriptedModel().then(toolUse(use("toolu_1", "echo", Map.of("text", "a")))).then(text("ok"));
        var loop = AgentLoop.builder(model).listener(new MicrometerRunListener(registry)).build();
        var agent = new AgentSpec("t", "", "claude-sonnet-4-5", Toolbox.of(FakeTool.echo("echo")), RunLimits.DEFAULTS,
                false, false);

        loop.run(agent, new RunRequest("run_m", "default", "u", "go"));

        assertThat(registry.get("mainstay.run.duration").tag("status", "succeeded").timer().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.runs.finished").tag("status", "succeeded").tag("stop_reason", "completed")
                .tag("tenant", "default").counter().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.run.steps").summary().totalAmount()).isEqualTo(2);
        assertThat(registry.get("mainstay.model.call.duration").tag("outcome", "ok").timer().count()).isEqualTo(2);
        assertThat(registry.get("mainstay.model.tokens").tag("kind", "input").counter().count()).isEqualTo(220);
        assertThat(registry.get("mainstay.tool.call.duration").tag("tool", "echo").tag("outcome", "ok").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("mainstay.model.cost.usd").counter().count()).isPositive();
        assertThat(registry.get("mainstay.runs.active").gauge().value()).isZero();
    }

    @Test
    void recordsEachFinishedRunsPromptCacheHitRatioButNotARunThatSentNoPrompt() {
        var registry = new SimpleMeterRegistry();
        var listener = new MicrometerRunListener(registry);
        var cached = new dev.mainstay.model.Usage(100, 50, 200, 0, 700, 0, 0); // 700 of 1,000 prompt tokens read

        listener.onEvent(new dev.mainstay.event.RunFinished(dev.mainstay.testing.Metas.of("run_c"),
                dev.mainstay.run.RunStopReason.COMPLETED, 2, cached, dev.mainstay.cost.Cost.ZERO,
                java.time.Duration.ofSeconds(1), java.util.Optional.empty()));
        listener.onEvent(new dev.mainstay.event.RunFinished(dev.mainstay.testing.Metas.of("run_z"),
                dev.mainstay.run.RunStopReason.FAILED, 0, dev.mainstay.model.Usage.ZERO, dev.mainstay.cost.Cost.ZERO,
                java.time.Duration.ofSeconds(1), java.util.Optional.empty()));

        var summary = registry.get("mainstay.prompt_cache.hit_ratio").summary();
        assertThat(summary.count()).isEqualTo(1);
        assertThat(summary.totalAmount()).isEqualTo(0.7);
        assertThat(cached.cacheHitRatio()).isEqualTo(0.7);
        assertThat(dev.mainstay.model.Usage.ZERO.cacheHitRatio()).isZero();
    }

    @Test
    void leavesTheTenantOutWhenTheTenantLabelIsOff() {
        var registry = new SimpleMeterRegistry();
        var loop = AgentLoop.builder(new ScriptedModel().then(text("ok")))
                .listener(new MicrometerRunListener(registry, false)).build();
        var agent = new AgentSpec("t", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false, false);

        loop.run(agent, new RunRequest("run_t", "acme", "u", "go"));

        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTag("tenant")).isNull());
        assertThat(registry.get("mainstay.model.cost.usd").counter().count()).isPositive();
    }

    @Test
    void runsOfTwoTenantsCountOnOneSeriesEachAndRepeatedRunsOnTheSameOne() {
        var registry = new SimpleMeterRegistry();
        var model = new ScriptedModel().then(text("one")).then(text("two")).then(text("three"));
        var loop = AgentLoop.builder(model).listener(new MicrometerRunListener(registry)).build();
        var agent = new AgentSpec("t", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS, false, false);

        loop.run(agent, new RunRequest("run_1", "acme", "u", "go"));
        loop.run(agent, new RunRequest("run_2", "acme", "u", "go"));
        loop.run(agent, new RunRequest("run_3", "globex", "u", "go"));

        assertThat(registry.get("mainstay.runs.started").tag("tenant", "acme").tag("resumed", "false").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("mainstay.runs.started").tag("tenant", "globex").counter().count()).isEqualTo(1);
        assertThat(registry.get("mainstay.runs.started").counters()).hasSize(2);
        assertThat(registry.get("mainstay.model.tokens").tag("tenant", "acme").tag("kind", "output").counters())
                .hasSize(1);
        assertThat(registry.get("mainstay.run.duration").timers()).hasSize(1);
        assertThat(registry.get("mainstay.run.duration").timer().getId().getTag("tenant")).isNull();
    }
}
