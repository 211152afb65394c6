package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.Toolbox;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run's own budget: dollars, tokens and tool calls, checked before the run spends them. */
class AgentLoopRunBudgetTest {
    private final ScriptedModel model = new ScriptedModel();
    private final AtomicInteger echoes = new AtomicInteger();
    private final FakeTool echo = FakeTool.named("echo", ToolEffect.READ_ONLY, (in, ctx) -> {
        echoes.incrementAndGet();
        return ToolResult.ok("echo");
    });

    private RunResult run(RunLimits limits) {
        var agent = new AgentSpec("test", "You are a test agent.", "claude-sonnet-4-5", Toolbox.of(echo), limits,
                false, false);
        return AgentLoop.builder(model).build().run(agent, new RunRequest("run_1", "default", "user_1", "use echo"));
    }

    @Test
    void aCallIsSentWithTheMaxTokensTheRunsDollarsLeftCanPayFor() {
        model.then(text("done"));

        var result = run(RunLimits.DEFAULTS.withMaxCostUsd(Optional.of(new BigDecimal("0.005"))));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        int sent = model.requests().getFirst().maxTokens();
        assertThat(sent).isLessThan(RunLimits.DEFAULT_MAX_OUTPUT_TOKENS).isGreaterThan(200);
        assertThat(sent * 15.0 / 1e6).isLessThan(0.005);
    }

    @Test
    void aRunThatHasSpentItsDollarsStopsAsBudgetExceededBeforeTheNextCallWithItsJournalIntact() {
        model.then(toolUse(use("toolu_1", "echo", Map.of("text", "a")))).then(text("done"));

        // the first call's input (with the tool's definition) is about $0.0009 at the 1-hour cache-write rate
        var result = run(RunLimits.DEFAULTS.withMaxCostUsd(Optional.of(new BigDecimal("0.0015"))));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED);
        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo(RunBudget.CODE);
            assertThat(e.message()).contains("of its $0.0015");
        });
        assertThat(model.requests()).hasSize(1);
        assertThat(result.steps()).hasExactlyElementsOfTypes(ModelStep.class, ToolStep.class);
    }

    @Test
    void aRunThatHasUsedItsTokensStopsBeforeTheNextCall() {
        model.then(toolUse(use("toolu_1", "echo", Map.of("text", "a")))).then(text("done"));

        var result = run(RunLimits.DEFAULTS.withMaxTotalTokens(200));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED);
        assertThat(model.requests()).hasSize(1);
        // the first call fits: its max_tokens was lowered to what the run had left after its input
        assertThat(model.requests().getFirst().maxTokens()).isLessThan(200);
    }

    @Test
    void aTurnAskingForMoreToolCallsThanAreLeftRunsNoneOfThem() {
        model.then(toolUse(use("toolu_1", "echo", Map.of("text", "a")), use("toolu_2", "echo", Map.of("text", "b"))));

        var result = run(RunLimits.DEFAULTS.withMaxToolCalls(1));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.BUDGET_EXCEEDED);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.message())
                .contains("made 0 of its 1 tool calls; the model asked for 2 more"));
        assertThat(echoes).hasValue(0);
    }

    @Test
    void withoutARunBudgetTheRequestIsAsTheAgentSaysIt() {
        model.then(text("done"));

        run(RunLimits.DEFAULTS);

        assertThat(model.requests().getFirst().maxTokens()).isEqualTo(RunLimits.DEFAULT_MAX_OUTPUT_TOKENS);
    }
}
