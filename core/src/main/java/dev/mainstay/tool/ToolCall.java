package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import java.util.Objects;

/**
 * One request from the model to run a tool, identified by the model's tool_use id. Immutable: {@link #input()}
 * hands out a copy, so an interceptor or tool that changes it changes nothing recorded.
 */
public record ToolCall(String toolUseId, String name, ObjectNode input) {
    public ToolCall {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    /** The tool's input; a copy the caller may change. */
    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }

    /** The input as JSON text, written from the call's own tree: for readers in this package, without a copy. */
    String inputJson() {
        return input.toString();
    }
}
