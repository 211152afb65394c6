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
 * {@code tool_result} in the very next (user) message, and every {@code tool_result} must answer a {@code tool_use}
 * of the message just before it.
 */
final class ToolPairing {
    private ToolPairing() {}

    static void check(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            if (message.role() == Role.USER) {
                var previousUses = i == 0 ? Set.<String>of() : toolUseIds(messages.get(i - 1));
                for (int j = 0; j < message.content().size(); j++) {
                    if (message.content().get(j) instanceof ToolResultBlock result
                            && !previousUses.contains(result.toolUseId())) {
                        throw ApiError.invalidRequest("messages." + i + ".content." + j
                                + ": unexpected `tool_use_id` found in `tool_result` blocks: " + result.toolUseId()
                                + ". Each `tool_result` block must have a corresponding `tool_use` block in the"
                                + " previous message.");
                    }
                }
            } else if (i + 1 < messages.size()) {
                var missing = new LinkedHashSet<>(toolUseIds(message));
                missing.removeAll(toolResultIds(messages.get(i + 1)));
                if (!missing.isEmpty()) {
                    throw ApiError.invalidRequest("messages." + (i + 1)
                            + ": `tool_use` ids were found without `tool_result` blocks immediately after: "
                            + String.join(", ", missing) + ". Each `tool_use` block must have a corresponding"
                            + " `tool_result` block in the next message.");
                }
            }
        }
    }

    private static Set<String> toolUseIds(Message message) {
        var ids = new LinkedHashSet<String>();
        if (message.role() == Role.ASSISTANT) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ToolUseBlock use) {
                    ids.add(use.id());
                }
            }
        }
        return ids;
    }

    private static Set<String> toolResultIds(Message message) {
        var ids = new LinkedHashSet<String>();
        if (message.role() == Role.USER) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ToolResultBlock result) {
                    ids.add(result.toolUseId());
                }
            }
        }
        return ids;
    }
}
