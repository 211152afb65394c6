package dev.mainstay.sim.internal;

import dev.mainstay.json.Json;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the simulated model's thinking: a short, deterministic account of what it read and what it is about to
 * do, made from the request and the reply it precedes — "The user asks: “…”. I need get_weather for this, so I
 * will call it with {…}." It stays within the thinking budget ({@code budget_tokens}; for adaptive thinking half
 * of {@code max_tokens}), since thinking tokens count toward {@code max_tokens}.
 */
final class ThinkingWriter {
    /** The longest quotation of the conversation or the answer, in code points. */
    static final int EXCERPT_CHARS = 120;

    private ThinkingWriter() {}

    static String write(ModelRequest request, List<ContentBlock> reply, Thinking thinking) {
        var text = reading(request) + " " + plan(reply);
        return withinTokens(text, budget(thinking, request.maxTokens()));
    }

    static long budget(Thinking thinking, int maxTokens) {
        return switch (thinking) {
            case Thinking.Enabled enabled -> enabled.budgetTokens();
            case Thinking.Adaptive adaptive -> Math.max(1, maxTokens / 2);
            case Thinking.Disabled disabled -> 0;
        };
    }

    private static String reading(ModelRequest request) {
        var messages = request.messages();
        var last = messages.getLast();
        var results = last.content().stream()
                .filter(ToolResultBlock.class::isInstance).map(ToolResultBlock.class::cast).toList();
        if (last.role() == Role.USER && !results.isEmpty()) {
            var said = new ArrayList<String>();
            for (var result : results) {
                var outcome = result.isError() ? " failed: " : " returned ";
                said.add(toolName(messages, result.toolUseId()) + outcome + quote(result.content()));
            }
            return "The tool results are back: " + String.join("; ", said) + ".";
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            var message = messages.get(i);
            if (message.role() == Role.USER && !message.text().isBlank()) {
                return "The user asks: " + quote(message.text()) + ".";
            }
        }
        return "The conversation has no question in it yet.";
    }

    private static String plan(List<ContentBlock> reply) {
        var uses = reply.stream().filter(ToolUseBlock.class::isInstance).map(ToolUseBlock.class::cast).toList();
        if (uses.size() == 1) {
            var use = uses.getFirst();
            return "I need " + use.name() + " for this, so I will call it with " + Json.write(use.input()) + ".";
        }
        if (!uses.isEmpty()) {
            var names = uses.stream().map(ToolUseBlock::name).distinct().toList();
            return "I need " + String.join(" and ", names) + " for this; the " + uses.size()
                    + " calls are independent, so I will make them together.";
        }
        var answer = new StringBuilder();
        for (var block : reply) {
            if (block instanceof TextBlock text) {
                answer.append(text.text());
            }
        }
        return answer.isEmpty() ? "There is nothing to add." : "I can answer that directly: " + quote(answer) + ".";
    }

    private static String toolName(List<Message> messages, String toolUseId) {
        for (var message : messages) {
            for (var block : message.content()) {
                if (block instanceof ToolUseBlock use && use.id().equals(toolUseId)) {
                    return use.name();
                }
            }
        }
        return "the tool";
    }

    private static String quote(CharSequence text) {
        var oneLine = text.toString().strip().replaceAll("\\s+", " ");
        return "“" + prefix(oneLine, EXCERPT_CHARS, "…") + "”";
    }

    private static String withinTokens(String text, long tokens) {
        return TokenEstimator.estimateText(text) <= tokens
                ? text
                : prefix(text, tokens * TokenEstimator.CHARS_PER_TOKEN, "");
    }

    private static String prefix(String text, long codePoints, String ellipsis) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, (int) codePoints)) + ellipsis;
    }
}
