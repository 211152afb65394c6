package dev.mainstay.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The model asks for a tool to run. {@code id} is the provider's tool_use id: it keys the journal entry of the
 * tool call, so a side-effecting tool runs at most once per id.
 *
 * <p>{@code input} is a JSON object; callers must not mutate it after construction.
 */
public record ToolUseBlock(String id, String name, ObjectNode input) implements ContentBlock {
    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
    }
}
