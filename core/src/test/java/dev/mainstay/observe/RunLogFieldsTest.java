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
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RunLogFieldsTest {
    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();

    @Test
    void everyThreadOfARunCarriesItsRunTenantUserAndStep() {
        var tool = FakeTool.named("probe", ToolEffect.READ_ONLY, (in, ctx) -> {
            seen.put("tool:" + Thread.currentThread().getName(), MDC.getCopyOfContextMap());
            return ToolResult.ok("done");
        });
        var model = new ScriptedModel()
                .then((request, context) -> {
                    seen.put("model-1", MDC.getCopyOfContextMap());
                    return toolUse(use("toolu_1", "probe", Map.of("text", "a")));
                })
                .then((request, context) -> {
                    seen.put("model-2", MDC.getCopyOfContextMap());
                    return text("ok");
                });
        var agent = new AgentSpec("t", "", "claude-sonnet-4-5", Toolbox.of(tool), RunLimits.DEFAULTS, false, false);
        MDC.put("caller", "kept");
        try (var loop = AgentLoop.builder(model).build()) {
            loop.run(agent, new RunRequest("run_log", "acme", "ada", "go"));
        }

        assertThat(seen.get("model-1")).containsEntry("run_id", "run_log").containsEntry("tenant", "acme")
                .containsEntry("user", "ada").containsEntry("step", "1").containsEntry("caller", "kept");
        assertThat(seen.get("model-2")).containsEntry("step", "2");
        var toolLines = seen.entrySet().stream().filter(e -> e.getKey().startsWith("tool:")).toList();
        assertThat(toolLines).hasSize(1);
        assertThat(toolLines.getFirst().getValue()).containsEntry("run_id", "run_log").containsEntry("tenant", "acme")
                .containsEntry("user", "ada").containsEntry("step", "1");
        // the caller's MDC is given back as it was
        assertThat(MDC.getCopyOfContextMap()).containsExactlyEntriesOf(Map.of("caller", "kept"));
        MDC.clear();
    }
}
