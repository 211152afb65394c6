package dev.mainstay.event;

import java.time.Duration;

/**
 * A tool call ended. {@code isError} when the model was told it failed; {@code degraded} when a policy answered
 * for the tool; {@code replayed} when the result came from the journal instead of running the tool again.
 */
public record ToolCallFinished(
        EventMeta meta, int step, String toolUseId, String tool, boolean isError, boolean degraded, boolean replayed,
        Duration duration) implements RunEvent {}
