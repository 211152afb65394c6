package dev.mainstay.event;

import java.time.Instant;

/**
 * Something that happened in a run, published to {@link RunListener}s as it happens, each with its
 * {@link EventMeta} (run, tenant, per-run sequence number, time). Events are paired: a {@code …Started} is always
 * followed by exactly one {@code …Finished} or {@code …Failed} for the same run and step (and tool_use id, for tool
 * calls). Metrics, traces, audit and the SSE stream are listeners on these events.
 */
public sealed interface RunEvent
        permits RunStarted, RunFinished, ModelCallStarted, ModelCallFinished, ModelCallFailed, ToolCallStarted,
                ToolCallFinished, TextDelta, PolicyDecided, ApprovalApplied, InjectionSuspected {
    EventMeta meta();

    default String runId() {
        return meta().runId();
    }

    default String tenantId() {
        return meta().tenantId();
    }

    default long seq() {
        return meta().seq();
    }

    default Instant at() {
        return meta().at();
    }
}
