package dev.mainstay.costcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.json.Json;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.StreamObserver;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingRulesTest {
    static CallContext context(String tenant) {
        return new CallContext("run_1", tenant, "user_1", 1, Deadline.none(InstantSource.system()),
                Cancellation.NEVER, StreamObserver.NONE);
    }

    static ModelRequest request(String text) {
        return new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user(text)), List.of(), 100, false, false);
    }

    static ModelRequest afterTool(String tool) {
        return new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("find it"),
                Message.assistant(List.of(new TextBlock("Looking."),
                        new ToolUseBlock("toolu_1", tool, Json.parseObject("{\"q\":\"x\"}")))),
                new Message(Role.USER, List.of(new ToolResultBlock("toolu_1", "found", false)))),
                List.of(), 100, false, false);
    }

    @Test
    void theDocumentedExampleParsesToThreeRulesInOrder() {
        var rules = RoutingRules.parse(
                "input_tokens>20000=claude-sonnet-4-5; tool=web_search=claude-haiku-4-5;tenant=acme=claude-opus-4-5;");

        assertThat(rules.rules()).containsExactly(
                new RoutingRule.InputTokensOver(20000, "claude-sonnet-4-5"),
                new RoutingRule.AfterTool("web_search", "claude-haiku-4-5"),
                new RoutingRule.ForTenant("acme", "claude-opus-4-5"));
        assertThat(rules.rules()).extracting(RoutingRule::condition)
                .containsExactly("input_tokens>20000", "tool=web_search", "tenant=acme");
    }

    @Test
    void anUnsetOrBlankSettingMeansNoRouting() {
        assertThat(RoutingRules.fromEnv(Map.of()).isEmpty()).isTrue();
        assertThat(RoutingRules.fromEnv(Map.of(RoutingRules.SETTING, "  ")).isEmpty()).isTrue();
    }

    @Test
    void aBadRuleIsRefusedInOneLineNamingItsPositionAndText() {
        assertThatThrownBy(() -> RoutingRules.parse("tenant=acme=claude-opus-4-5;input_tokens>lots=claude-haiku-4-5"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid configuration: MAINSTAY_ROUTING rule 2 'input_tokens>lots=claude-haiku-4-5' must"
                        + " be input_tokens>N=MODEL with N a whole number of tokens")
                .hasMessageNotContaining("\n");
    }

    @Test
    void everyBadRuleIsListedAtOnce() {
        var e = (InvalidConfigException) catchThrown(
                () -> RoutingRules.parse("model=claude-haiku-4-5;tool=web_search;;tenant=acme=bad model;"
                        + "tenant==claude-haiku-4-5;input_tokens>10="));

        assertThat(e.problems()).extracting(p -> p.message()).containsExactly(
                "MAINSTAY_ROUTING rule 1 'model=claude-haiku-4-5' has an unknown condition 'model': use"
                        + " input_tokens>N=MODEL, tool=NAME=MODEL or tenant=ID=MODEL",
                "MAINSTAY_ROUTING rule 2 'tool=web_search' must be tool=NAME=MODEL",
                "MAINSTAY_ROUTING rule 3 '' is empty",
                "MAINSTAY_ROUTING rule 4 'tenant=acme=bad model' names an invalid model id 'bad model'"
                        + " (letters, digits and . _ : / @ - only)",
                "MAINSTAY_ROUTING rule 5 'tenant==claude-haiku-4-5' must be tenant=ID=MODEL",
                "MAINSTAY_ROUTING rule 6 'input_tokens>10=' names no model after its condition");
    }

    @Test
    void aRuleThatRepeatsAnEarlierConditionIsRefusedAsUnreachable() {
        assertThatThrownBy(() -> RoutingRules.parse("tenant=acme=claude-opus-4-5;tenant=acme=claude-haiku-4-5"))
                .hasMessageContaining("rule 2 'tenant=acme=claude-haiku-4-5' repeats the condition of rule 1");
    }

    @Test
    void theFirstMatchingRuleWinsAndNoMatchKeepsTheConfiguredModel() {
        var rules = RoutingRules.parse("tenant=acme=claude-opus-4-5;tool=web_search=claude-haiku-4-5;"
                + "input_tokens>10=claude-sonnet-4-5");

        assertThat(rules.choose(afterTool("web_search"), context("acme")).map(RoutingRule::model))
                .contains("claude-opus-4-5");
        assertThat(rules.choose(afterTool("web_search"), context("globex")).map(RoutingRule::model))
                .contains("claude-haiku-4-5");
        assertThat(rules.choose(request("x".repeat(200)), context("globex")).map(RoutingRule::model))
                .contains("claude-sonnet-4-5");
        assertThat(rules.choose(request("hi"), context("globex"))).isEmpty();
    }

    @Test
    void theInputThresholdIsStrictOnTheCoreEstimate() {
        var request = request("x".repeat(400));
        long tokens = dev.mainstay.model.TokenEstimator.estimateInput(request);

        assertThat(new RoutingRule.InputTokensOver(tokens, "m").matches(request, context("a"))).isFalse();
        assertThat(new RoutingRule.InputTokensOver(tokens - 1, "m").matches(request, context("a"))).isTrue();
    }

    @Test
    void aToolRuleLooksOnlyAtTheLastAssistantTurn() {
        var rule = new RoutingRule.AfterTool("web_search", "claude-haiku-4-5");
        var later = new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("find it"),
                Message.assistant(List.of(new ToolUseBlock("toolu_1", "web_search", Json.parseObject("{}")))),
                new Message(Role.USER, List.of(new ToolResultBlock("toolu_1", "found", false))),
                Message.assistant(List.of(new ToolUseBlock("toolu_2", "save_note", Json.parseObject("{}")))),
                new Message(Role.USER, List.of(new ToolResultBlock("toolu_2", "saved", false)))),
                List.of(), 100, false, false);

        assertThat(rule.matches(afterTool("web_search"), context("a"))).isTrue();
        assertThat(rule.matches(later, context("a"))).isFalse();
        assertThat(rule.matches(request("hi"), context("a"))).isFalse();
    }

    private static Throwable catchThrown(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
