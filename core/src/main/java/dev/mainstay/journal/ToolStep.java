package dev.mainstay.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call and the result the model was given. Keyed by {@code toolUseId}: a run resumed from its journal
 * reuses this result instead of running the tool again. {@code error} is present when the tool threw (the model
 * then saw an error result).
 */
public record ToolStep(
        String runId, int seq, int step, String toolUseId, String tool, ObjectNode input, ToolResult result,
        Instant startedAt, Duration duration, Optional<StepError> error) implements JournalEntry {

    public ToolStep {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
    }
}
