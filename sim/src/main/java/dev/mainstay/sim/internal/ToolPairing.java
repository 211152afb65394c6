package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The real API's rule that catches most agent-loop bugs: every {@code tool_use} must be answered by a
 * {@code tool_result} in the very next (user) turn, and every {@code tool_result} must answer a {@code tool_use} of
 * the turn just before it. Consecutive messages of one role are one turn, as the API merges them.
 */
final class ToolPairing {
    private ToolPairing() {}

    static void check(List<Message> messages) {
        int previousStart = -1;
        int start = 0;
        while (start < messages.size()) {
            int end = runEnd(messages, start);
            if (messages.get(start).role() == Role.USER) {
                var previousUses = previousStart < 0 ? Set.<String>of() : toolUseIds(messages, previousStart, start);
                checkResults(messages, start, end, previousUses);
            } else if (end < messages.size()) {
                var missing = toolUseIds(messages, start, end);
                missing.removeAll(toolResultIds(messages, end, runEnd(messages, end)));
                if (!missing.isEmpty()) {
                    throw ApiError.invalidRequest("messages." + end
                            + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                            + String.join(", ", missing) + ". Each `tool_use` block must have a corresponding"
                            + " `tool_result` block in the next message.");
                }
            }
            previousStart = start;
            start = end;
        }
    }

    /** The index just past the run of messages with the role of {@code messages[start]}. */
    private static int runEnd(List<Message> messages, int start) {
        int end = start + 1;
        while (end < messages.size() && messages.get(end).role() == messages.get(start).role()) {
            end++;
        }
        return end;
    }

    private static void checkResults(List<Message> messages, int start, int end, Set<String> previousUses) {
        for (int i = start; i < end; i++) {
            var content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j) instanceof ToolResultBlock result && !previousUses.contains(result.toolUseId())) {
                    throw ApiError.invalidRequest("messages." + i + ".content." + j
                            + ": unexpected `tool_use_id` found in `tool_result` blocks: " + result.toolUseId()
                            + ". Each `tool_result` block must have a corresponding `tool_use` block in the"
                            + " previous message.");
                }
            }
        }
    }

    private static Set<String> toolUseIds(List<Message> messages, int start, int end) {
        var ids = new LinkedHashSet<String>();
        for (int i = start; i < end; i++) {
            if (messages.get(i).role() == Role.ASSISTANT) {
                for (ContentBlock block : messages.get(i).content()) {
                    if (block instanceof ToolUseBlock use) {
                        ids.add(use.id());
                    }
                }
            }
        }
        return ids;
    }

    private static Set<String> toolResultIds(List<Message> messages, int start, int end) {
        var ids = new LinkedHashSet<String>();
        for (int i = start; i < end; i++) {
            for (ContentBlock block : messages.get(i).content()) {
                if (block instanceof ToolResultBlock result) {
                    ids.add(result.toolUseId());
                }
            }
        }
        return ids;
    }
}
