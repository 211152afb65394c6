package dev.mainstay.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A tool call began. Followed by exactly one {@link ToolCallFinished} for the same tool_use id. */
public record ToolCallStarted(String runId, int step, String toolUseId, String tool, ObjectNode input, Instant at)
        implements RunEvent {}
