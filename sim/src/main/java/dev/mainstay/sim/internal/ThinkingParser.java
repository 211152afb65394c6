package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.RedactedThinkingBlock;
import dev.mainstay.model.Role;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code thinking} and applies the API's rules around it: the budget is at least
 * {@value #MIN_BUDGET_TOKENS} tokens and less than {@code max_tokens}; thinking does not combine with forced tool
 * use, a {@code temperature} other than 1, any {@code top_k}, or a {@code top_p} below 0.95; and the conversation
 * carries its thinking blocks where the API needs them.
 */
final class ThinkingParser {
    /** The smallest {@code budget_tokens} the API takes. */
    static final int MIN_BUDGET_TOKENS = 1_024;
    /** The smallest {@code top_p} the API takes with thinking on. */
    static final double MIN_TOP_P_WITH_THINKING = 0.95;

    private static final String DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";
    private static final String CONSIDERATIONS =
            " Please consult our documentation at " + DOCS + "#important-considerations-when-using-extended-thinking";
    private static final Set<String> ENABLED_FIELDS = Set.of("type", "budget_tokens", "display");
    private static final Set<String> ADAPTIVE_FIELDS = Set.of("type", "display");

    private ThinkingParser() {}

    /**
     * @param maxTokens the request's {@code max_tokens}, or 0 for {@code count_tokens}, which has none
     * @throws ApiError 400 for a malformed {@code thinking} or one the other fields rule out
     */
    static Thinking parse(JsonNode node, int maxTokens, Sampling sampling, ToolChoice toolChoice) {
        var thinking = read(node, maxTokens);
        if (!thinking.isOn()) {
            return thinking;
        }
        if (toolChoice.forcesToolUse()) {
            throw ApiError.invalidRequest("Thinking may not be enabled when tool_choice forces tool use.");
        }
        if (sampling.temperature() != null && sampling.temperature() != 1.0) {
            throw ApiError.invalidRequest(
                    "`temperature` may only be set to 1 when thinking is enabled." + CONSIDERATIONS);
        }
        if (sampling.topK() != null) {
            throw ApiError.invalidRequest("`top_k` must be unset when thinking is enabled." + CONSIDERATIONS);
        }
        if (sampling.topP() != null && sampling.topP() < MIN_TOP_P_WITH_THINKING) {
            throw ApiError.invalidRequest("`top_p` must be greater than or equal to " + MIN_TOP_P_WITH_THINKING
                    + " or unset when thinking is enabled." + CONSIDERATIONS);
        }
        return thinking;
    }

    private static Thinking read(JsonNode node, int maxTokens) {
        if (node == null || node.isNull()) {
            return Thinking.DISABLED;
        }
        if (!node.isObject()) {
            throw ApiError.invalidRequest("thinking: Input should be a valid dictionary");
        }
        var type = node.get("type");
        if (type == null || type.isNull()) {
            throw ApiError.invalidRequest("thinking.type: Field required");
        }
        return switch (type.asText()) {
            case "disabled" -> {
                onlyFields(node, "disabled", Set.of("type"));
                yield Thinking.DISABLED;
            }
            case "enabled" -> {
                onlyFields(node, "enabled", ENABLED_FIELDS);
                yield new Thinking.Enabled(budget(node.get("budget_tokens"), maxTokens), omitted(node, "enabled"));
            }
            case "adaptive" -> {
                onlyFields(node, "adaptive", ADAPTIVE_FIELDS);
                yield new Thinking.Adaptive(omitted(node, "adaptive"));
            }
            case "between_tools" -> throw ApiError.invalidRequest(
                    "thinking.type: the Mainstay simulator does not support 'between_tools' thinking; use"
                            + " 'enabled', 'adaptive' or 'disabled'");
            default -> throw ApiError.invalidRequest(
                    "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'");
        };
    }

    private static int budget(JsonNode node, int maxTokens) {
        if (node == null || node.isNull()) {
            throw ApiError.invalidRequest("thinking.enabled.budget_tokens: Field required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiError.invalidRequest("thinking.enabled.budget_tokens: Input should be a valid integer");
        }
        int budget = node.intValue();
        if (budget < MIN_BUDGET_TOKENS) {
            throw ApiError.invalidRequest("thinking.enabled.budget_tokens: Input should be greater than or equal to "
                    + MIN_BUDGET_TOKENS);
        }
        if (maxTokens > 0 && maxTokens <= budget) {
            throw ApiError.invalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult"
                    + " our documentation at " + DOCS + "#max-tokens-and-context-window-size");
        }
        return budget;
    }

    private static boolean omitted(JsonNode node, String type) {
        var display = node.get("display");
        if (display == null || display.isNull()) {
            return false;
        }
        return switch (display.asText()) {
            case "summarized" -> false;
            case "omitted" -> true;
            default -> throw ApiError.invalidRequest(
                    "thinking." + type + ".display: Input should be 'summarized' or 'omitted'");
        };
    }

    private static void onlyFields(JsonNode node, String type, Set<String> allowed) {
        for (var field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw ApiError.invalidRequest(
                        "thinking." + type + "." + field.getKey() + ": Extra inputs are not permitted");
            }
        }
    }

    /**
     * The API's rules on thinking blocks in the conversation: with thinking on, the assistant turn that the last
     * message's tool results answer starts with a thinking block (the client must send it back); with thinking off,
     * a final (prefilled) assistant message holds none.
     *
     * @throws ApiError 400 naming the message and block
     */
    static void checkHistory(List<Message> messages, Thinking thinking) {
        var last = messages.getLast();
        int lastIndex = messages.size() - 1;
        if (!thinking.isOn()) {
            if (last.role() == Role.ASSISTANT) {
                for (int j = 0; j < last.content().size(); j++) {
                    if (isThinking(last.content().get(j))) {
                        throw ApiError.invalidRequest("messages." + lastIndex + ".content." + j + ": When thinking"
                                + " is disabled, an `assistant` message in the final position cannot contain"
                                + " `thinking`. To use thinking blocks, enable `thinking` in your request.");
                    }
                }
            }
            return;
        }
        if (last.role() != Role.USER || last.content().stream().noneMatch(ToolResultBlock.class::isInstance)) {
            return;
        }
        int turn = lastIndex - 1;
        while (turn >= 0 && messages.get(turn).role() == Role.USER) {
            turn--;
        }
        if (turn < 0) {
            return;
        }
        var first = messages.get(turn).content().isEmpty() ? null : messages.get(turn).content().getFirst();
        if (first != null && !isThinking(first)) {
            throw ApiError.invalidRequest("messages." + turn + ".content.0.type: Expected `thinking` or"
                    + " `redacted_thinking`, but found `" + MessageJson.type(first) + "`. When `thinking` is enabled, a"
                    + " final `assistant` message must start with a thinking block (preceeding the lastmost set of"
                    + " `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous"
                    + " turns. To avoid this requirement, disable `thinking`. Please consult our documentation at "
                    + DOCS);
        }
    }

    private static boolean isThinking(ContentBlock block) {
        return block instanceof ThinkingBlock || block instanceof RedactedThinkingBlock;
    }
}
