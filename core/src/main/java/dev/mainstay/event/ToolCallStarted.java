package dev.mainstay.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import java.util.Objects;

/**
 * A tool call began. Followed by exactly one {@link ToolCallFinished} for the same tool_use id. Immutable: the input
 * is copied in and out.
 */
public record ToolCallStarted(EventMeta meta, int step, String toolUseId, String tool, ObjectNode input)
        implements RunEvent {
    public ToolCallStarted {
        Objects.requireNonNull(input, "input");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
