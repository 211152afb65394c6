package dev.mainstay.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Helpers over lists of content blocks. Plain loops rather than streams: the loop calls these on every answer, and
 * the common shapes (no block of the kind, or one) then cost no allocation beyond their result.
 */
public final class ContentBlocks {
    private ContentBlocks() {}

    /** The text blocks joined by newlines; empty when there are none. */
    public static String text(List<ContentBlock> blocks) {
        String only = null;
        StringBuilder joined = null;
        for (var block : blocks) {
            if (block instanceof TextBlock text) {
                if (only == null) {
                    only = text.text();
                } else {
                    if (joined == null) {
                        joined = new StringBuilder(only);
                    }
                    joined.append('\n').append(text.text());
                }
            }
        }
        return joined != null ? joined.toString() : only != null ? only : "";
    }

    /** The tool_use blocks in the model's order. */
    public static List<ToolUseBlock> toolUses(List<ContentBlock> blocks) {
        List<ToolUseBlock> uses = null;
        for (var block : blocks) {
            if (block instanceof ToolUseBlock use) {
                if (uses == null) {
                    uses = new ArrayList<>(blocks.size());
                }
                uses.add(use);
            }
        }
        return uses == null ? List.of() : List.copyOf(uses);
    }
}
