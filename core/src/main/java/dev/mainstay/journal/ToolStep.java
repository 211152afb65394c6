package dev.mainstay.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.internal.FrozenJson;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call's outcome and the result the model was given. Keyed by {@code toolUseId}: a resumed run reuses this
 * result instead of running the tool again. {@code error} is present when the tool threw or timed out (the model then
 * saw an error result). Immutable: the input is copied in and out.
 *
 * @param resolution how the outcome was established: the tool ran, or a resumed run reconciled an intent
 */
public record ToolStep(
        int step, String toolUseId, String tool, ObjectNode input, ToolResult result, Resolution resolution,
        Instant startedAt, Duration duration, Optional<StepError> error) implements JournalEntry {

    /** How a tool call's outcome was established. */
    public enum Resolution {
        /** The tool ran and returned (or failed, or timed out) in this run. */
        RAN,
        /** A resumed run found the call's intent without an outcome, and the tool said the effect had happened. */
        RECONCILED,
        /** A resumed run found the intent without an outcome and the tool could not tell; it was not run again. */
        UNKNOWN
    }

    public ToolStep {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        input = FrozenJson.freeze(input); // shared as it is when already frozen, else copied
    }

    @Override
    public ObjectNode input() {
        return input.deepCopy();
    }
}
