package dev.mainstay.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import java.time.Instant;
import java.util.Objects;

/**
 * A side-effecting tool call is about to run. Journaled before the tool runs, so a run resumed over an intent with
 * no {@link ToolStep} knows the effect may have happened, and asks the tool instead of running it again.
 * Immutable: the input is copied in and out.
 */
public record ToolIntent(int step, String toolUseId, String tool, ObjectNode input, Instant at)
        implements JournalEntry {
    public ToolIntent {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(at, "at");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
