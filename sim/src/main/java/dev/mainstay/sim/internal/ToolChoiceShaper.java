package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolDefinition;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.sim.brain.Reply;
import dev.mainstay.sim.brain.SchemaSamples;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Makes a brain's reply obey the request's {@code tool_choice}, the way the API constrains the model — the brains
 * themselves know nothing of it:
 * <ul>
 *   <li>{@code auto}: the reply as the brain wrote it; with {@code disable_parallel_tool_use}, nothing after its
 *       first tool_use;</li>
 *   <li>{@code any}: only tool_use blocks (the API prefills the turn, so no text comes first); when the brain
 *       called no tool, a call of the first declared tool with an input made from its schema;</li>
 *   <li>{@code tool}: only calls of that tool, made up from its schema when the brain did not call it;</li>
 *   <li>{@code none}: the reply without its tool_use blocks, and a sentence saying which tool it would have used
 *       when nothing else is left; stops with {@code end_turn};</li>
 *   <li>{@code disable_parallel_tool_use} with {@code any} or {@code tool}: exactly one call.</li>
 * </ul>
 * Stateless.
 */
final class ToolChoiceShaper {
    private ToolChoiceShaper() {}

    static Reply shape(Reply reply, ToolChoice choice, List<ToolDefinition> tools) {
        return switch (choice) {
            case ToolChoice.Auto auto -> auto.disableParallelToolUse() ? upToFirstToolUse(reply) : reply;
            case ToolChoice.None none -> withoutToolUse(reply);
            case ToolChoice.Any any -> forced(uses(reply, null), tools.getFirst(), any.disableParallelToolUse());
            case ToolChoice.Tool tool -> forced(uses(reply, tool.name()), declared(tools, tool.name()),
                    tool.disableParallelToolUse());
        };
    }

    private static Reply upToFirstToolUse(Reply reply) {
        var kept = new ArrayList<ContentBlock>();
        for (var block : reply.content()) {
            kept.add(block);
            if (block instanceof ToolUseBlock) {
                break;
            }
        }
        return new Reply(kept, reply.stopReason());
    }

    private static Reply withoutToolUse(Reply reply) {
        var kept = new ArrayList<ContentBlock>();
        var wanted = new LinkedHashSet<String>();
        for (var block : reply.content()) {
            if (block instanceof ToolUseBlock use) {
                wanted.add(use.name());
            } else {
                kept.add(block);
            }
        }
        if (wanted.isEmpty()) {
            return reply;
        }
        boolean saysSomething = kept.stream().anyMatch(b -> b instanceof TextBlock text && !text.text().isBlank());
        if (!saysSomething) {
            kept.add(new TextBlock("I would use " + String.join(" and ", wanted) + " to answer this, but no tool may"
                    + " be used in this reply."));
        }
        return new Reply(kept, StopReason.END_TURN);
    }

    /** The brain's tool_use blocks, of the tool {@code name} only when it is not null. */
    private static List<ToolUseBlock> uses(Reply reply, String name) {
        var uses = new ArrayList<ToolUseBlock>();
        for (var block : reply.content()) {
            if (block instanceof ToolUseBlock use && (name == null || use.name().equals(name))) {
                uses.add(use);
            }
        }
        return uses;
    }

    private static Reply forced(List<ToolUseBlock> uses, ToolDefinition fallback, boolean single) {
        var calls = new ArrayList<ContentBlock>(uses);
        if (calls.isEmpty()) {
            calls.add(new ToolUseBlock("", fallback.name(), SchemaSamples.object(fallback.inputSchema())));
        }
        return new Reply(single ? calls.subList(0, 1) : calls, StopReason.TOOL_USE);
    }

    private static ToolDefinition declared(List<ToolDefinition> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the parser admitted an undeclared tool " + name));
    }
}
