package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One request from the model to run a tool, identified by the model's tool_use id. */
public record ToolCall(String toolUseId, String name, ObjectNode input) {
    public ToolCall {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
    }
}
