package dev.mainstay.sim.brain;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a reply within the request's max_tokens, estimated at four characters a token. Text past the budget is
 * cut and the reply stops with {@code max_tokens}; tool calls that would not fit are dropped, as a real model cut
 * off mid-call returns no usable tool_use.
 */
final class TokenBudget {
    static final int CHARS_PER_TOKEN = 4;
    /** Rough per-block overhead of a tool_use (id, type, braces) in characters. */
    private static final int TOOL_USE_OVERHEAD = 40;

    private TokenBudget() {}

    static Reply text(String text, int maxTokens) {
        long budget = (long) maxTokens * CHARS_PER_TOKEN;
        if (text.length() <= budget) {
            return new Reply(List.of(new TextBlock(text)), StopReason.END_TURN);
        }
        return new Reply(List.of(new TextBlock(cut(text, (int) budget))), StopReason.MAX_TOKENS);
    }

    static Reply toolUse(String intro, List<ToolUseBlock> uses, int maxTokens) {
        long budget = (long) maxTokens * CHARS_PER_TOKEN;
        long size = intro.length();
        for (var use : uses) {
            size += use.name().length() + use.input().toString().length() + TOOL_USE_OVERHEAD;
        }
        if (size > budget) {
            return new Reply(List.of(new TextBlock(cut(intro, (int) Math.min(budget, intro.length())))),
                    StopReason.MAX_TOKENS);
        }
        var content = new ArrayList<ContentBlock>();
        content.add(new TextBlock(intro));
        content.addAll(uses);
        return new Reply(content, StopReason.TOOL_USE);
    }

    private static String cut(String text, int chars) {
        int end = Math.min(chars, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
