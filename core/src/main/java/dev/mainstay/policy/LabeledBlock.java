package dev.mainstay.policy;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ThinkingBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import java.util.Objects;

/**
 * One content block of a run's context with its provenance.
 *
 * @param message the index of the block's message in the run's messages; -1 for the system prompt
 */
public record LabeledBlock(int message, Role role, ContentBlock block, Provenance provenance) {
    public LabeledBlock {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The block's readable text: text, a tool result's content, thinking, a tool call's input; else empty. */
    public String text() {
        return switch (block) {
            case TextBlock t -> t.text();
            case ToolResultBlock r -> r.content();
            case ThinkingBlock t -> t.thinking();
            case ToolUseBlock u -> u.input().toString();
            default -> "";
        };
    }
}
