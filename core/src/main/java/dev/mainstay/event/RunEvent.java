package dev.mainstay.event;

import java.time.Instant;

/**
 * Something that happened in a run, published to {@link RunListener}s as it happens. Events are paired: a
 * {@code …Started} is always followed by exactly one {@code …Finished} or {@code …Failed} for the same run and
 * step (and tool_use id, for tool calls). Metrics, traces, audit and the SSE stream are listeners on these events.
 */
public sealed interface RunEvent
        permits RunStarted, RunFinished, ModelCallStarted, ModelCallFinished, ModelCallFailed, ToolCallStarted,
                ToolCallFinished, TextDelta {
    String runId();

    Instant at();
}
