package dev.mainstay.model;

import java.util.Objects;

/** The result of one tool call, sent back to the model in a user message. {@code isError} tells the model it failed. */
public record ToolResultBlock(String toolUseId, String content, boolean isError) implements ContentBlock {
    public ToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
    }
}
