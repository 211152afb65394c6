package dev.mainstay.model;

import java.util.List;
import java.util.stream.Collectors;

/** Helpers over lists of content blocks. */
public final class ContentBlocks {
    private ContentBlocks() {}

    /** The text blocks joined by newlines; empty when there are none. */
    public static String text(List<ContentBlock> blocks) {
        return blocks.stream()
                .filter(TextBlock.class::isInstance)
                .map(b -> ((TextBlock) b).text())
                .collect(Collectors.joining("\n"));
    }

    /** The tool_use blocks in the model's order. */
    public static List<ToolUseBlock> toolUses(List<ContentBlock> blocks) {
        return blocks.stream()
                .filter(ToolUseBlock.class::isInstance)
                .map(ToolUseBlock.class::cast)
                .toList();
    }
}
