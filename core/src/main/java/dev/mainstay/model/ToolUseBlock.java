package dev.mainstay.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import java.util.Objects;

/**
 * The model asks for a tool to run. {@code id} is the provider's tool_use id: it keys the journal entry of the
 * tool call, so a side-effecting tool runs at most once per id.
 *
 * <p>Immutable: {@code input} is copied on the way in and {@link #input()} hands out a copy, so a tool that changes
 * its input cannot change the record of what the model asked for.
 */
public record ToolUseBlock(String id, String name, ObjectNode input) implements ContentBlock {
    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(input, "input");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    /** The tool's input as the model wrote it; a copy the caller may change. */
    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
