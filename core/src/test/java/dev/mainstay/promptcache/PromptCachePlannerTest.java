package dev.mainstay.promptcache;

import static dev.mainstay.promptcache.CacheTtl.FIVE_MINUTES;
import static dev.mainstay.promptcache.CacheTtl.ONE_HOUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptCachePlannerTest {
    private static final List<ToolDefinition> TOOLS = List.of(
            new ToolDefinition("calculator", "evaluates arithmetic", Json.object()),
            new ToolDefinition("get_weather", "the weather", Json.object()));

    private static ModelRequest request(List<Message> messages) {
        return new ModelRequest("claude-sonnet-4-5", "You are helpful.", messages, TOOLS, 512, false, true);
    }

    private static Message assistantUsing(String id) {
        return Message.assistant(List.of(new TextBlock("Let me check."),
                new ToolUseBlock(id, "calculator", Json.object().put("expression", "1+1"))));
    }

    private static Message resultsFor(String... ids) {
        var blocks = new ArrayList<ContentBlock>();
        for (var id : ids) {
            blocks.add(new ToolResultBlock(id, "2", false));
        }
        return new Message(dev.mainstay.model.Role.USER, blocks);
    }

    @Test
    void firstCallMarksTheToolsTheSystemPromptAndTheTask() {
        var plan = PromptCachePlanner.plan(request(List.of(Message.user("What is 1+1?"))), PromptCachePolicy.auto(false));

        assertThat(plan.breakpoints()).containsExactly(
                CacheBreakpoint.tool(1, FIVE_MINUTES),
                CacheBreakpoint.system(0, FIVE_MINUTES),
                CacheBreakpoint.block(0, 0, FIVE_MINUTES));
    }

    @Test
    void aLaterCallMarksWhereThePreviousCallEndedAndTheNewEnd() {
        var messages = List.of(Message.user("What is 1+1?"), assistantUsing("t1"), resultsFor("t1"));

        var plan = PromptCachePlanner.plan(request(messages), PromptCachePolicy.auto(true));

        assertThat(plan.breakpoints()).containsExactly(
                CacheBreakpoint.tool(1, ONE_HOUR),
                CacheBreakpoint.system(0, ONE_HOUR),
                CacheBreakpoint.block(0, 0, FIVE_MINUTES),
                CacheBreakpoint.block(2, 0, FIVE_MINUTES));
    }

    @Test
    void neverPlacesMoreThanFourMarkersHoweverLongTheConversation() {
        var messages = new ArrayList<Message>();
        messages.add(Message.user("start"));
        for (int i = 0; i < 30; i++) {
            messages.add(assistantUsing("t" + i));
            messages.add(resultsFor("t" + i));
        }

        var plan = PromptCachePlanner.plan(request(messages), PromptCachePolicy.both(ONE_HOUR));

        assertThat(plan.breakpoints()).hasSize(CachePlan.MAX_BREAKPOINTS);
        assertThat(plan.onBlock(messages.size() - 1, 0)).contains(ONE_HOUR);
        assertThat(plan.onBlock(messages.size() - 3, 0)).contains(ONE_HOUR);
    }

    @Test
    void marksTheLastMarkableBlockSkippingThinkingAndEmptyText() {
        var messages = List.of(Message.user("q"), Message.assistant(List.of(new TextBlock("a"),
                new ThinkingBlock("hmm", "sig"), new TextBlock(""))));

        var plan = PromptCachePlanner.plan(request(messages), PromptCachePolicy.auto(false));

        assertThat(plan.onBlock(1, 0)).contains(FIVE_MINUTES);
        assertThat(plan.onBlock(1, 1)).isEmpty();
        assertThat(plan.onBlock(1, 2)).isEmpty();
        assertThat(plan.onBlock(0, 0)).contains(FIVE_MINUTES);
    }

    @Test
    void marksTheLastToolResultOfAParallelCall() {
        var messages = List.of(Message.user("q"), assistantUsing("t1"), resultsFor("t1", "t2", "t3"));

        var plan = PromptCachePlanner.plan(request(messages), PromptCachePolicy.auto(false));

        assertThat(plan.onBlock(2, 2)).contains(FIVE_MINUTES);
    }

    @Test
    void offOrAnAgentThatOptedOutGetsNoMarkers() {
        var messages = List.of(Message.user("q"));
        assertThat(PromptCachePlanner.plan(request(messages), PromptCachePolicy.OFF).isEmpty()).isTrue();

        var optedOut = new ModelRequest("claude-sonnet-4-5", "sys", messages, TOOLS, 512, false, false);
        assertThat(PromptCachePlanner.plan(optedOut, PromptCachePolicy.auto(true)).isEmpty()).isTrue();
    }

    @Test
    void withoutToolsOrSystemOnlyTheConversationIsMarked() {
        var bare = new ModelRequest("claude-sonnet-4-5", "", List.of(Message.user("q")), List.of(), 512, false, true);

        assertThat(PromptCachePlanner.plan(bare, PromptCachePolicy.auto(true)).breakpoints())
                .containsExactly(CacheBreakpoint.block(0, 0, FIVE_MINUTES));
    }

    @Test
    void aPlanRefusesMoreThanFourMarkersAndAnHourAfterFiveMinutes() {
        assertThatThrownBy(() -> new CachePlan(List.of(CacheBreakpoint.tool(0, FIVE_MINUTES),
                CacheBreakpoint.system(0, FIVE_MINUTES), CacheBreakpoint.block(0, 0, FIVE_MINUTES),
                CacheBreakpoint.block(1, 0, FIVE_MINUTES), CacheBreakpoint.block(2, 0, FIVE_MINUTES))))
                .hasMessageContaining("at most 4");
        assertThatThrownBy(() -> new CachePlan(List.of(CacheBreakpoint.system(0, FIVE_MINUTES),
                CacheBreakpoint.block(0, 0, ONE_HOUR))))
                .hasMessageContaining("1-hour cache breakpoint must not follow a 5-minute one");
        assertThatThrownBy(() -> new PromptCachePolicy(java.util.Optional.of(FIVE_MINUTES),
                java.util.Optional.of(ONE_HOUR))).hasMessageContaining("must not be shorter");
    }
}
